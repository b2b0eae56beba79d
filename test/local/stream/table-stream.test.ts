/**
 * The local stand-in for the table's stream (local/table-stream.ts): the dossier events dynalite
 * stores become keys-only INSERT records, handed over in order, and a batch item failure is
 * delivered again from that record on, as the deployed event source mapping does.
 */
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createTableStream } from '#local/table-stream.ts';

const TABLE = 'verbetertraject';

const putItem = (pk: string, sk: string, table = TABLE) =>
  JSON.stringify({ TableName: table, Item: { PK: { S: pk }, SK: { S: sk }, type: { S: 'x' } } });

const skOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.SK?.S;

function aStream(deliver: (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse | undefined>) {
  const givenUp: string[] = [];
  const stream = createTableStream({
    tableName: TABLE,
    region: 'eu-west-1',
    now: () => new Date('2026-03-02T09:00:00.000Z'),
    deliver,
    track: (work) => work,
    onGivenUp: (message) => givenUp.push(message),
  });
  return { stream, givenUp };
}

describe('the local table stream', () => {
  it('hands over the dossier events stored, in order, as keys-only inserts, and nothing else', async () => {
    // Prepare
    const seen: DynamoDBRecord[] = [];
    const { stream } = aStream(async (records) => {
      seen.push(...records);
      return { batchItemFailures: [] };
    });

    // Act
    stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t-1', 'EVENT#trajectory-started'), 200);
    stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t-1', 'TASK#identify-1'), 200);
    stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t-1', 'EVENT#identify-1.opened'), 200);
    // A conditional put that lost: no record, as DynamoDB writes none.
    stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t-1', 'EVENT#identify-1.opened'), 400);
    stream.observe(
      'DynamoDB_20120810.PutItem',
      putItem('TRAJECTORY#t-1', 'EVENT#other', 'another-table'),
      200,
    );
    stream.observe('DynamoDB_20120810.GetItem', putItem('TRAJECTORY#t-1', 'EVENT#read'), 200);
    await stream.drained();

    // Assess
    expect(seen.map(skOf)).toEqual(['EVENT#trajectory-started', 'EVENT#identify-1.opened']);
    expect(seen[0]).toMatchObject({
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { Keys: { PK: { S: 'TRAJECTORY#t-1' } }, StreamViewType: 'KEYS_ONLY' },
    });
    expect(seen[0]!.dynamodb).not.toHaveProperty('NewImage');
    const sequence = seen.map((record) => record.dynamodb!.SequenceNumber!);
    expect([...sequence].sort()).toEqual(sequence);
  });

  it('delivers again from the failed record on, and gives up on a record that keeps failing', async () => {
    // Prepare: the second record fails twice, then goes through; the fourth always fails.
    const calls: string[][] = [];
    let failures = 0;
    const { stream, givenUp } = aStream(async (records) => {
      calls.push(records.map((record) => skOf(record)!));
      const second = records.find((record) => skOf(record) === 'EVENT#2');
      if (second && failures++ < 2)
        return { batchItemFailures: [{ itemIdentifier: second.dynamodb!.SequenceNumber! }] };
      const fourth = records.find((record) => skOf(record) === 'EVENT#4');
      if (fourth) return { batchItemFailures: [{ itemIdentifier: fourth.dynamodb!.SequenceNumber! }] };
      return { batchItemFailures: [] };
    });

    // Act
    for (const n of [1, 2, 3])
      stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t', `EVENT#${n}`), 200);
    await stream.drained();
    stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t', 'EVENT#4'), 200);
    stream.observe('DynamoDB_20120810.PutItem', putItem('TRAJECTORY#t', 'EVENT#5'), 200);
    await stream.drained();

    // Assess: 1 is never handed over again; 2 and what follows come again until they pass.
    expect(calls.slice(0, 3)).toEqual([
      ['EVENT#1', 'EVENT#2', 'EVENT#3'],
      ['EVENT#2', 'EVENT#3'],
      ['EVENT#2', 'EVENT#3'],
    ]);
    // 4 is given up on after its retries; 5 behind it still goes through.
    expect(calls.at(-1)).toEqual(['EVENT#5']);
    expect(givenUp).toHaveLength(1);
  });
});
