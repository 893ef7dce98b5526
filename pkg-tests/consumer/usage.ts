// Compiled with `tsc --noEmit` by the package tests: the declarations shipped with the packages
// must describe the API exactly (the @ts-expect-error lines fail the build if a type is `any`).
import { init, initSync, allocate, MedspaError, type Money } from '@medspa-kit/billing';
import { resolveLocalTime, toClinicTime, type LocalTimeResolution } from '@medspa-kit/schedule';
import * as kit from 'medspa-kit';

await init();
initSync();
await init(new URL('https://clinic.example/billing_bg.wasm'));

const parts: Money[] = allocate({ minor: 100, currency: 'USD' }, [1, 2]);
const cents: number = parts[0].minor;

const resolved: LocalTimeResolution = resolveLocalTime({ date: '2025-03-09', time: '02:30', zone: 'America/New_York' });
const status: 'ok' | 'gap_shifted' | 'ambiguous_resolved' = resolved.resolution;
const shown: string = toClinicTime({ instant: new Date(), zone: 'UTC' });
const alsoShown: string = kit.toClinicTime({ instant: '2025-01-01T00:00:00Z', zone: 'Europe/Berlin' });
const names: string[] = kit.plugins();

try {
  allocate({ minor: 100, currency: 'USD' }, []);
} catch (error) {
  if (error instanceof MedspaError) {
    const where: string = `${error.code} at ${error.path}`;
    void where;
  }
}

// @ts-expect-error minor is a number of minor units, not a string
allocate({ minor: '100', currency: 'USD' }, [1]);
// @ts-expect-error a request needs its zone
resolveLocalTime({ date: '2025-03-09', time: '02:30' });
// @ts-expect-error the resolution is a union of literals, not any string
const wrong: 'moved' = resolved.resolution;

void [cents, status, shown, alsoShown, names, wrong];
