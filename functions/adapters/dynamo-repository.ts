/**
 * The DynamoDB adapter of `TrajectoryRepository`: one table, the layout in docs/data-model.md.
 * Built on single-item conditional writes and idempotent appends only: DynamoDB and Step
 * Functions never share a transaction, and dynalite has none either.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  STATUSES,
  type ActionLink,
  type Dossier,
  type DossierEvent,
  type Task,
  type Trajectory,
  type TrajectoryStatus,
  type WorkState,
} from '#core/model.ts';
import type { ListQuery, TrajectoryRepository, TrajectorySummaryPage } from '#core/ports.ts';
import { expiresAtSeconds } from '#core/retention-period.ts';
import { MAX_PAGE_SIZE } from '#core/list-order.ts';
import type { EvidenceFile } from '#core/files.ts';
import { AlreadyExistsError, ValidationError, VersionConflictError } from '#shared/errors.ts';
import { ConfigurationError, config, DEFAULT_RETENTION_DAYS } from '#shared/env.ts';
import {
  createDynamoClient,
  DocumentClient,
  written,
  type Item,
  type QueryCommandInput,
} from './document-client.ts';
import { onFirstUse, sharedClient } from './aws-clients.ts';
import { announceDynamoCalls } from './dynamo-calls.ts';
import {
  INDEXES,
  KEY_PREFIX,
  NOT_EXISTS,
  SORT_KEY,
  STORAGE_ATTRIBUTES,
  TABLE_KEY,
  trajectoryItemKey,
  trajectoryPartition,
  TTL_ATTRIBUTE,
} from './table-schema.ts';

export const DEFAULT_PAGE_SIZE = 25;
export interface DynamoRepositoryOptions {
  tableName: string;
  client?: DocumentClient;
  /**
   * Days after `closedAt` (or the recorded end of the employment, if later) until the trajectory
   * item expires (TTL `expiresAt`; functions/core/retention.ts).
   */
  retentionDays?: number;
}

/**
 * The document client of the adapters (./document-client.ts), on `client` or a new one. The
 * endpoint comes from the SDK's own `AWS_ENDPOINT_URL_DYNAMODB` when set, so the local cloud needs
 * no branch here. Its calls are announced for a meter to count (./dynamo-calls.ts; a no-op in AWS).
 */
export function createDocumentClient(client: DynamoDBClient = createDynamoClient()): DocumentClient {
  announceDynamoCalls(client);
  return new DocumentClient(client);
}

/** The document client every DynamoDB adapter of this process shares, made on first use (./aws-clients.ts). */
export function sharedDocumentClient(): DocumentClient {
  return sharedClient('dynamodb', () => createDocumentClient());
}

/**
 * The repository a handler declares at module scope, made on its first use: `TABLE_NAME`
 * (required) and `RETENTION_DAYS` (optional) from the environment, read then and failing with
 * the variable's name; the shared document client.
 */
export function createRepositoryFromEnv(): DynamoTrajectoryRepository {
  return onFirstUse(
    () =>
      new DynamoTrajectoryRepository({
        tableName: config.tableName,
        retentionDays: config.retentionDays,
        client: sharedDocumentClient(),
      }),
  );
}

const trajectoryKey = (id: string) => trajectoryItemKey(id, SORT_KEY.trajectory);
const taskKey = (trajectoryId: string, taskId: string) =>
  trajectoryItemKey(trajectoryId, `${SORT_KEY.task}${taskId}`);
const eventKey = (trajectoryId: string, eventId: string) =>
  trajectoryItemKey(trajectoryId, `${SORT_KEY.event}${eventId}`);
const linkRefKey = (trajectoryId: string, linkHash: string) =>
  trajectoryItemKey(trajectoryId, `${SORT_KEY.linkRef}${linkHash}`);
/** The key of the action link a token's hash finds. */
export const linkKey = (linkHash: string) => ({
  [TABLE_KEY.partitionKey]: `${KEY_PREFIX.link}${linkHash}`,
  [TABLE_KEY.sortKey]: SORT_KEY.link,
});

/** Managers are matched by e-mail regardless of how it was typed. */
const managerPartition = (email: string) => `MANAGER#${email.trim().toLowerCase()}`;
const statusPartition = (status: TrajectoryStatus) => `STATUS#${status}`;
/** Both indexes sort on this; it is also the pagination position. */
const listPosition = (trajectory: Trajectory) => `${trajectory.createdAt}#${trajectory.id}`;

function withoutStorageAttributes<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}

/** DynamoDB orders string keys by their UTF-8 bytes; merging pages must agree with it. */
function newestFirst(a: string, b: string): number {
  return Buffer.compare(Buffer.from(b), Buffer.from(a));
}

function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  // 1024 bytes is DynamoDB's limit for a sort-key value; anything longer could never match.
  if (typeof after !== 'string' || after.length === 0 || Buffer.byteLength(after) > 1024) {
    throw new ValidationError([{ path: 'cursor', message: 'Unknown or malformed cursor.' }]);
  }
  return after;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new ValidationError([{ path: 'limit', message: 'Must be a positive whole number.' }]);
  }
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** Events in the order they happened; the id settles ties so the order is stable across reads. */
function byTime(a: DossierEvent, b: DossierEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function byOpened(a: Task, b: Task): number {
  if (a.openedAt !== b.openedAt) return a.openedAt < b.openedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class DynamoTrajectoryRepository implements TrajectoryRepository {
  private readonly tableName: string;
  private readonly client: DocumentClient;
  private readonly retentionDays: number;

  constructor(options: DynamoRepositoryOptions) {
    if (!options.tableName) throw new ConfigurationError('DynamoTrajectoryRepository needs a table name');
    this.tableName = options.tableName;
    this.client = options.client ?? createDocumentClient();
    const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new ConfigurationError('retentionDays must be a positive whole number of days');
    }
    this.retentionDays = retentionDays;
  }

  async createTrajectory(trajectory: Trajectory, events: DossierEvent[]): Promise<void> {
    const foreign = events.find((event) => event.trajectoryId !== trajectory.id);
    if (foreign) throw new Error(`Event ${foreign.id} belongs to another trajectory than ${trajectory.id}`);
    // Refuse early so a duplicate create cannot add its events to an existing dossier.
    if (await this.getTrajectory(trajectory.id)) throw this.trajectoryExists(trajectory.id);
    // Events first, the trajectory item last: it is the commit point. A crash in between leaves
    // events nobody can see (no META item) and a retry with the same id completes the create.
    await Promise.all(events.map((event) => this.appendEvent(event)));
    const created = await written(
      this.client.put({
        TableName: this.tableName,
        Item: this.trajectoryItem(trajectory),
        ConditionExpression: NOT_EXISTS,
      }),
    );
    if (!created) throw this.trajectoryExists(trajectory.id);
  }

  async getTrajectory(id: string): Promise<Trajectory | undefined> {
    return this.stored<Trajectory>(trajectoryKey(id));
  }

  async getDossier(id: string): Promise<Dossier | undefined> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE_KEY.partitionKey },
      ExpressionAttributeValues: { ':pk': trajectoryPartition(id) },
      ConsistentRead: true,
    });
    return dossierOf(items);
  }

  async getWorkState(id: string): Promise<WorkState | undefined> {
    // `META` sorts after `BUS#`, `EVENT#`, `LINK#` and `MAIL#`, and before `PAUSE#` and `TASK#`: one
    // key condition skips every event, however many the dossier has.
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND #sk >= :meta',
      ExpressionAttributeNames: { '#pk': TABLE_KEY.partitionKey, '#sk': TABLE_KEY.sortKey },
      ExpressionAttributeValues: {
        ':pk': trajectoryPartition(id),
        ':meta': SORT_KEY.trajectory,
      },
      ConsistentRead: true,
    });
    const dossier = dossierOf(items);
    return dossier && { trajectory: dossier.trajectory, tasks: dossier.tasks };
  }

  async listTrajectories(query: ListQuery): Promise<TrajectorySummaryPage> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor);
    const statuses: readonly TrajectoryStatus[] = query.status ? [query.status] : STATUSES;
    // Each status list is sorted newest first, so the newest `limit + 1` overall are among the
    // first `limit + 1` of each: one bounded Query per status gives an exact merged page.
    const lists = await Promise.all(
      statuses.map((status) => this.queryIndex(INDEXES.byStatus, statusPartition(status), after, limit + 1)),
    );
    const merged = lists.flat().sort((a, b) => newestFirst(listPosition(a), listPosition(b)));
    return this.page(merged, limit);
  }

  async listTrajectoriesForManager(managerEmail: string, query: ListQuery): Promise<TrajectorySummaryPage> {
    const limit = pageSize(query.limit);
    const after = decodeCursor(query.cursor);
    const found = await this.queryIndex(
      INDEXES.byManager,
      managerPartition(managerEmail),
      after,
      limit + 1,
      query.status,
    );
    return this.page(found, limit);
  }

  async updateTrajectory(trajectory: Trajectory): Promise<Trajectory> {
    const stored: Trajectory = { ...trajectory, version: trajectory.version + 1 };
    await this.replaceVersion(this.trajectoryItem(stored), trajectory.version, `Trajectory ${trajectory.id}`);
    return stored;
  }

  async createTask(task: Task): Promise<void> {
    const created = await written(
      this.client.put({
        TableName: this.tableName,
        Item: this.taskItem(task),
        ConditionExpression: NOT_EXISTS,
      }),
    );
    if (!created)
      throw new AlreadyExistsError(`Task ${task.id} of trajectory ${task.trajectoryId} already exists`);
  }

  async getTask(trajectoryId: string, taskId: string): Promise<Task | undefined> {
    return this.stored<Task>(taskKey(trajectoryId, taskId));
  }

  async updateTask(task: Task): Promise<Task> {
    const stored: Task = { ...task, version: task.version + 1 };
    await this.replaceVersion(
      this.taskItem(stored),
      task.version,
      `Task ${task.id} of trajectory ${task.trajectoryId}`,
    );
    return stored;
  }

  /**
   * Writes `item` over the one at version `read` (optimistic locking). Another writer came first,
   * or the item is gone: a `VersionConflictError` naming `what`, for the caller to re-read.
   */
  private async replaceVersion(item: Item, read: number, what: string): Promise<void> {
    const replaced = await written(
      this.client.put({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: '#version = :read',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':read': read },
      }),
    );
    if (!replaced) {
      throw new VersionConflictError(
        `${what} is not at version ${read} any more (updated by another writer, or missing)`,
      );
    }
  }

  async appendEvent(event: DossierEvent): Promise<void> {
    // Not written when the id is already in the dossier: a retry of an append that succeeded.
    await written(
      this.client.put({
        TableName: this.tableName,
        Item: { ...event, ...eventKey(event.trajectoryId, event.id), entity: 'event' },
        ConditionExpression: NOT_EXISTS,
      }),
    );
  }

  async putActionLink(link: ActionLink): Promise<void> {
    // The pointer in the dossier's partition first: a link item never exists that the purge
    // cannot find (reminders mint links that no task's `linkHash` remembers).
    const ref = linkRefKey(link.trajectoryId, link.linkHash);
    // Not written when already there from a retry; kept as it is.
    await written(
      this.client.put({
        TableName: this.tableName,
        Item: { ...ref, entity: 'link-ref', linkHash: link.linkHash },
        ConditionExpression: NOT_EXISTS,
      }),
    );
    const created = await written(
      this.client.put({
        TableName: this.tableName,
        Item: { ...link, ...linkKey(link.linkHash), entity: 'link' },
        ConditionExpression: NOT_EXISTS,
      }),
    );
    if (created) return;
    // A retried step puts the same link again: fine. The same hash for another task is not.
    const existing = await this.findActionLink(link.linkHash);
    if (existing?.trajectoryId === link.trajectoryId && existing.taskId === link.taskId) return;
    // The pointer just written would make this trajectory's purge delete a stranger's link.
    if (existing && existing.trajectoryId !== link.trajectoryId) {
      await this.client.delete({ TableName: this.tableName, Key: ref });
    }
    throw new AlreadyExistsError('An action link with this hash already exists for another task');
  }

  async findActionLink(linkHash: string): Promise<ActionLink | undefined> {
    return this.stored<ActionLink>(linkKey(linkHash));
  }

  async withdrawActionLink(link: ActionLink, revokedAt: string): Promise<void> {
    // One conditional put of the item as it was stored, and its withdrawal: never a link that is
    // not there (nothing to withdraw), nor one of another trajectory.
    await written(
      this.client.put({
        TableName: this.tableName,
        Item: { ...link, revokedAt, ...linkKey(link.linkHash), entity: 'link' },
        ConditionExpression: `attribute_exists(#pk) AND #trajectoryId = :trajectoryId`,
        ExpressionAttributeNames: { '#pk': TABLE_KEY.partitionKey, '#trajectoryId': 'trajectoryId' },
        ExpressionAttributeValues: { ':trajectoryId': link.trajectoryId },
      }),
    );
  }

  /** The record at `key`, read consistently, without the attributes that only serve storage. */
  private async stored<T>(key: Item): Promise<T | undefined> {
    const { Item } = await this.client.get({ TableName: this.tableName, Key: key, ConsistentRead: true });
    return Item ? withoutStorageAttributes<T>(Item) : undefined;
  }

  private trajectoryItem(trajectory: Trajectory): Item {
    const position = listPosition(trajectory);
    const item: Item = {
      ...trajectory,
      ...trajectoryKey(trajectory.id),
      entity: 'trajectory',
      [INDEXES.byStatus.partitionKey]: statusPartition(trajectory.status),
      [INDEXES.byStatus.sortKey]: position,
      [INDEXES.byManager.partitionKey]: managerPartition(trajectory.manager.email),
      [INDEXES.byManager.sortKey]: position,
    };
    // A full put: an item written without it (running, or on legal hold) has no expiry at all.
    const expiresAt = expiresAtSeconds(trajectory, this.retentionDays);
    if (expiresAt !== undefined) item[TTL_ATTRIBUTE] = expiresAt;
    return item;
  }

  private taskItem(task: Task): Item {
    return { ...task, ...taskKey(task.trajectoryId, task.id), entity: 'task' };
  }

  private trajectoryExists(id: string): AlreadyExistsError {
    return new AlreadyExistsError(`Trajectory ${id} already exists`);
  }

  private page(newestFirstItems: Trajectory[], limit: number): TrajectorySummaryPage {
    const items = newestFirstItems.slice(0, limit);
    const last = items.at(-1);
    // `want` was limit + 1, so more than `limit` means another item really follows.
    return newestFirstItems.length > limit && last
      ? { items, next: encodeCursor(listPosition(last)) }
      : { items };
  }

  /** Up to `want` trajectories of one index partition, newest first, strictly older than `after`. */
  private async queryIndex(
    index: (typeof INDEXES)[keyof typeof INDEXES],
    partition: string,
    after: string | undefined,
    want: number,
    status?: TrajectoryStatus,
  ): Promise<Trajectory[]> {
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, unknown> = { ':pk': partition };
    let condition = '#pk = :pk';
    if (after !== undefined) {
      condition += ' AND #sk < :after';
      names['#sk'] = index.sortKey;
      values[':after'] = after;
    }
    let filter: string | undefined;
    if (status) {
      filter = '#status = :status';
      names['#status'] = 'status';
      values[':status'] = status;
    }
    const found: Trajectory[] = [];
    let startKey: Item | undefined;
    do {
      const output = await this.client.query({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: condition,
        FilterExpression: filter,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: want - found.length,
        ExclusiveStartKey: startKey,
      });
      for (const item of output.Items ?? []) found.push(withoutStorageAttributes<Trajectory>(item));
      startKey = output.LastEvaluatedKey;
    } while (startKey && found.length < want);
    return found.slice(0, want);
  }

  private queryAll(input: QueryCommandInput): Promise<Item[]> {
    return queryAllPages(this.client, input);
  }
}

/** Every item a Query matches: a dossier may span several 1 MB pages. */
export async function queryAllPages(client: DocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const output = await client.query({ ...input, ExclusiveStartKey: startKey });
    items.push(...(output.Items ?? []));
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * The trajectory, its tasks in opening order and its events in time order, among the items of
 * its partition (mail claims, link pointers and pause tokens are skipped); undefined without a
 * trajectory item.
 */
function dossierOf(items: Item[]): Dossier | undefined {
  let trajectory: Trajectory | undefined;
  const tasks: Task[] = [];
  const events: DossierEvent[] = [];
  const files: EvidenceFile[] = [];
  for (const item of items) {
    const sortKey = String(item[TABLE_KEY.sortKey]);
    if (sortKey === SORT_KEY.trajectory) trajectory = withoutStorageAttributes<Trajectory>(item);
    else if (sortKey.startsWith(SORT_KEY.task)) tasks.push(withoutStorageAttributes<Task>(item));
    else if (sortKey.startsWith(SORT_KEY.event)) events.push(withoutStorageAttributes<DossierEvent>(item));
    else if (sortKey.startsWith(SORT_KEY.file)) files.push(withoutStorageAttributes<EvidenceFile>(item));
  }
  return (
    trajectory && {
      trajectory,
      tasks: tasks.sort(byOpened),
      events: events.sort(byTime),
      // Only a dossier with evidence files carries the list (`Dossier.files`: absent is none).
      ...(files.length > 0 && { files }),
    }
  );
}
