/**
 * The yardstick: bare Fastify and a plain pg.Pool doing one primary-key lookup per request.
 * No cookies, no session, no validation library: what the machine can do at best for "read one row".
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

export async function startBaseline(databaseUrl: string, poolSize: number): Promise<RunningServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => undefined);
  const app = Fastify({ logger: false });

  app.get<{ Params: { id: string } }>('/bare/:id', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) return reply.status(400).send({ error: 'validation' });
    const { rows } = await pool.query<{ id: number; name: string }>('SELECT id, name FROM unit WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) return reply.status(404).send({ error: 'not_found' });
    return row;
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
