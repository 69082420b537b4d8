import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../apps/server/src/main.js';

describe('smoke', () => {
  it('works', async () => {
    const mod = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = mod.createNestApplication();
    await app.init();
    await request(app.getHttpServer()).get('/x').expect(200, 'hi');
    await app.close();
  });
});
