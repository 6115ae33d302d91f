import { useEffect, useState } from 'react';
import { type ManagedSettings, readManagedSettings, watchManagedSettings } from '@/lib/settings/managed';

/** What the organisation set through browser management, live (a policy can change while a page is open). */
export function useManagedSettings(): ManagedSettings | undefined {
  const [settings, setSettings] = useState<ManagedSettings>();
  useEffect(() => {
    let live = true;
    void readManagedSettings().then((read) => {
      if (live) setSettings(read);
    });
    const unwatch = watchManagedSettings(setSettings);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}
