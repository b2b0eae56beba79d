import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export interface FilesProps {
  /** The dossier's key: the files are the dossier too, and follow the same access in KMS. */
  readonly key: IKey;
}

/** Key prefixes of the bucket (functions/core/files.ts builds the keys). */
export const FILE_PREFIXES = { staging: 'uploads/', stored: 'files/', bundles: 'bundles/' } as const;

/**
 * The bucket of the evidence files (functions/core/files.ts). Like the table it holds the dossier,
 * so it outlives the stack and is encrypted with the table's own key; nothing in it is public,
 * and every request must use TLS. Versioned: an object overwritten or deleted by mistake can be
 * restored for 30 days. A stored file lives as long as its dossier: the dossier purge
 * (functions/retention/purge-dossier.ts) deletes it when TTL removes the trajectory, which a
 * legal hold prevents; the lifecycle rules only clear uploads nobody confirmed (after a day) and
 * old versions.
 */
export class Files extends Construct {
  readonly bucket: IBucket;
  private readonly files: Bucket;
  /** Where S3 writes the access log of the files bucket. */
  readonly accessLogs: IBucket;

  constructor(scope: Construct, id: string, props: FilesProps) {
    super(scope, id);

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This bucket is the access log of the files bucket; logging its own access would log the logging.',
    );

    this.files = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      // One data key per bucket rather than per object: fewer KMS calls, same key.
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'files/',
      lifecycleRules: [
        { id: 'unconfirmed-uploads', prefix: FILE_PREFIXES.staging, expiration: Duration.days(1) },
        { id: 'downloaded-bundles', prefix: FILE_PREFIXES.bundles, expiration: Duration.days(1) },
        { id: 'old-versions', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = this.files;
    this.accessLogs = accessLogs;
  }

  /**
   * Lets pages of `origin` post presigned uploads to the bucket from the browser (CORS): POST only,
   * from that origin only. The presigned form still decides what may be put, and where.
   */
  allowUploadsFrom(origin: string): void {
    this.files.addCorsRule({
      id: 'task-page-uploads',
      allowedMethods: [HttpMethods.POST],
      allowedOrigins: [origin],
      allowedHeaders: ['*'],
      maxAge: 600,
    });
  }
}
