import type { ISignal } from '@lumino/signaling';
import { useEffect, useState } from 'react';

/** Re-renders the component whenever `signal` fires; returns `read()`. */
export function useSignalValue<S, A, V>(
  signal: ISignal<S, A>,
  read: () => V
): V {
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick(t => t + 1);
    signal.connect(bump);
    return () => {
      signal.disconnect(bump);
    };
  }, [signal]);
  return read();
}
