// The baseline: Fastify with one route that returns a constant, no logging, no hooks.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/price', async () => ({ symbol: 'BTCUSDT', price: '43123.45000000' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
