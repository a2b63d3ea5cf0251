import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Schema, type Connection, type Model } from 'mongoose';
import { testStack, uniqueName } from '@hookflow/dev-stack/testing';
import { createMongoConnection } from '../../src/store/connection';
import { decodeUserJson, encodeUserJson } from '../../src/store/user-json';

interface Item {
  name: string;
  count: number;
  document: string;
}

describe('mongoose on the real database', () => {
  let connection: Connection;

  beforeAll(async () => {
    connection = createMongoConnection(testStack().mongodbUri, { dbName: uniqueName('roundtrip') });
    await connection.asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  function itemModel(): Model<Item> {
    const schema = new Schema<Item>({
      name: { type: String, required: true, unique: true },
      count: { type: Number, required: true },
      document: { type: String, required: true },
    });
    return (connection.models.Item as Model<Item> | undefined) ?? connection.model<Item>('Item', schema);
  }

  it('inserts and queries documents', async () => {
    const Item = itemModel();
    await Item.init();
    await Item.create([
      { name: 'a', count: 1, document: encodeUserJson({}) },
      { name: 'b', count: 5, document: encodeUserJson({}) },
    ]);
    const found = await Item.find({ count: { $gte: 2 } }).lean();
    expect(found.map((item) => item.name)).toEqual(['b']);
  });

  it('reports a unique-index violation as a duplicate-key error', async () => {
    const Item = itemModel();
    await Item.init();
    await Item.create({ name: 'dup', count: 1, document: encodeUserJson({}) });
    await expect(Item.create({ name: 'dup', count: 2, document: encodeUserJson({}) })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await Item.countDocuments({ name: 'dup' })).toBe(1);
  });

  it('keeps user JSON with $ref and dotted keys exactly, key order included', async () => {
    const Item = itemModel();
    const userJson = {
      $ref: '#/definitions/order',
      'a.b.c': { 'x.y': [1, 2.5, null, true], $id: 'urn:x' },
      definitions: { order: { type: 'object', required: ['orderId'] } },
      zeta: 'last',
      alpha: 'after zeta',
      unicode: 'é ✓ \u0000',
    };
    await Item.create({ name: 'schema', count: 0, document: encodeUserJson(userJson) });
    const stored = await Item.findOne({ name: 'schema' }).lean();
    const decoded = decodeUserJson<typeof userJson>(stored!.document);
    expect(decoded).toEqual(userJson);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(userJson));
  });
});
