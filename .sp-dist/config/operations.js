// Operating settings: where records go, the web dashboard, retention.
import { z } from 'zod';
export const operationsSchema = z.object({
    dataDir: z.string().default('./data'),
    /** PostgreSQL URL; SQLite in the data dir when absent. DATABASE_URL overrides. */
    databaseUrl: z.string().optional(),
    /**
     * SQLite commit durability. 'normal' (WAL): a commit survives a killed process (kill -9) but the
     * last commits may be lost on power loss; 'full' also survives power loss at one fsync per write batch.
     */
    sqliteSynchronous: z.enum(['normal', 'full']).default('normal'),
    retentionDays: z.number().int().min(1).default(365),
    http: z
        .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** Name of the environment variable holding the admin token. */
        adminTokenEnv: z.string().default('FRONTDESK_ADMIN_TOKEN'),
    })
        .prefault({}),
});
//# sourceMappingURL=operations.js.map