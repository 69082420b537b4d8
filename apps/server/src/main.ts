import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hello } from '@nautobot-mcp/config';

@Injectable()
export class Svc {
  greet(): string {
    return hello();
  }
}

@Controller()
export class C {
  constructor(private readonly svc: Svc) {}
  @Get('x')
  x(): string {
    return this.svc.greet();
  }
}

@Module({ controllers: [C], providers: [Svc] })
export class AppModule {}

if (process.argv[2] === 'run') {
  const app = await NestFactory.create(AppModule);
  await app.listen(7999, '127.0.0.1');
  console.log('listening');
}
