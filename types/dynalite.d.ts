declare module 'dynalite' {
  import type { Server } from 'node:net';

  interface DynaliteOptions {
    /** Folder for LevelDB; in memory when absent. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    ssl?: boolean;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}
