import { useId, useRef } from 'react';

/**
 * Policy as code: export the draft as JSON, import a file (validated by the caller before it replaces anything; a bad
 * file changes nothing).
 */
export function PolicyFile({
  fileName,
  exportJson,
  onImport,
}: {
  fileName: string;
  exportJson: () => string;
  onImport: (text: string, name: string) => void;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const download = () => {
    const url = URL.createObjectURL(new Blob([exportJson()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="gl-file">
      <button type="button" className="button button--quiet" onClick={download}>
        Export JSON
      </button>
      <label htmlFor={inputId} className="button button--quiet gl-file__import">
        Import JSON…
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept="application/json,.json"
        className="gl-visually-hidden"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          const text = await file.text();
          if (input.current) input.current.value = '';
          onImport(text, file.name);
        }}
      />
    </div>
  );
}
