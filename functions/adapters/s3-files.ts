/**
 * The bucket of the evidence files (functions/core/ports.ts, `FileStore`) on S3. Uploads go from
 * the browser straight to the bucket with a presigned POST whose policy fixes the key, the type
 * and the largest size; downloads are presigned GETs of a minute, handed out only after the same
 * authorisation as the dossier. Nothing here decides what may be stored: functions/core/files.ts
 * and functions/api/files.ts do.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore, UploadForm } from '#core/ports.ts';
import { config } from '#shared/env.ts';
import { serviceAdapter } from './aws-clients.ts';

const isMissing = (error: unknown) => {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'NotFound' || name === 'NoSuchKey';
};

/** A file name as a `Content-Disposition` may carry it: ASCII in `filename`, all of it in `filename*`. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export class S3FileStore implements FileStore {
  /** `bucket` may be given as a function: read on first use, so importing a handler needs no variable. */
  constructor(
    private readonly client: S3Client,
    private readonly bucketName: string | (() => string),
  ) {}

  private get bucket(): string {
    return typeof this.bucketName === 'string' ? this.bucketName : this.bucketName();
  }

  async uploadForm(key: string, contentType: string, maxBytes: number, seconds: number): Promise<UploadForm> {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: key,
      Fields: { 'Content-Type': contentType },
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Expires: seconds,
    });
    return { url, fields };
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async head(key: string, bytes: number): Promise<Uint8Array> {
    const object = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
    );
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  async read(key: string): Promise<Uint8Array> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  async copy(from: string, to: string, contentType: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: to,
        CopySource: `${this.bucket}/${from}`,
        ContentType: contentType,
        MetadataDirective: 'REPLACE',
      }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys } }));
        deleted += keys.length;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return deleted;
  }

  async downloadUrl(key: string, filename: string, contentType: string, seconds: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(filename),
        ResponseContentType: contentType,
      }),
      { expiresIn: seconds },
    );
  }
}

/** The store a handler declares at module scope, on the bucket from `FILES_BUCKET` (read on use). */
export function createFileStoreFromEnv(): S3FileStore {
  return serviceAdapter('s3', S3Client, (client) => new S3FileStore(client, () => config.filesBucket));
}
