import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/**
 * A destructive action behind a confirmation in plain words: the trigger (styled as danger) opens a modal
 * `<dialog>` that says what happens; Cancel has the focus, Escape cancels, and the focus returns to the trigger.
 */
export function ConfirmAction({
  label,
  triggerLabel,
  title,
  children,
  confirmLabel,
  disabled,
  onConfirm,
}: {
  /** The trigger's text ("Remove", "Deactivate"). */
  label: string;
  /** The trigger's accessible name when the text alone is ambiguous in a list ("Remove rule LNK-002"). */
  triggerLabel?: string;
  /** The question ("Remove rule LNK-002 'Tracked links'?"). */
  title: string;
  /** What happens, in a sentence or two. */
  children: ReactNode;
  /** The confirming button's text ("Remove rule"). */
  confirmLabel: string;
  disabled?: boolean;
  onConfirm(): void;
}) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) {
      if (typeof node.showModal === 'function') node.showModal();
      else node.setAttribute('open', '');
      cancel.current?.focus();
    } else if (!open && node.open) {
      if (typeof node.close === 'function') node.close();
      else node.removeAttribute('open');
    }
  }, [open]);

  const dismiss = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="coe-danger"
        aria-label={triggerLabel}
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="coe-confirm"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        onCancel={(e) => {
          // Escape: close through React's state so the focus goes back to the trigger.
          e.preventDefault();
          dismiss();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            dismiss();
          }
        }}
      >
        {open && (
          <>
            <h2 id={`${id}-title`} className="coe-confirm__title">
              {title}
            </h2>
            <p id={`${id}-text`} className="coe-confirm__text">
              {children}
            </p>
            <div className="coe-confirm__actions">
              <button ref={cancel} type="button" className="button button--quiet" onClick={dismiss}>
                Cancel
              </button>
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  setOpen(false);
                  trigger.current?.focus();
                  onConfirm();
                }}
              >
                {confirmLabel}
              </button>
            </div>
          </>
        )}
      </dialog>
    </>
  );
}
