/** A staging location is `s3://bucket/…` or a path inside the workspace. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stagingLocationProblem } from '../../server/src/rules/check-table';

describe('staging location', () => {
  for (const ok of ['data/cust.csv', 'data/{table}.csv', './extract/x.parquet', 's3://card-raw/card_dw/cust/', 's3://card.raw-dev/x.csv', 'data/2024..01/x.csv'])
    it(`${ok}: accepted`, () => assert.equal(stagingLocationProblem(ok), undefined));
  for (const bad of [
    's3a://card-raw/x/',
    's3n://card-raw/x/',
    'hdfs://nn/x',
    'file:///tmp/x.csv',
    'https://example.com/x.csv',
    '/mnt/extract/x.csv',
    '~/x.csv',
    'C:\\extract\\x.csv',
    '../outside/x.csv',
    'data/../../x.csv',
    's3://A_B/x',
    's3://',
    's3:///x',
    '',
  ]) {
    it(`${JSON.stringify(bad)}: refused`, () => assert.equal(typeof stagingLocationProblem(bad), 'string'));
  }
});
