// The AWS SDK warns on Node 20 about its future Node 22 requirement; silence it in test output only.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_REGION ??= 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
// Powertools Logger writes JSON lines to stdout; keep test output readable.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
