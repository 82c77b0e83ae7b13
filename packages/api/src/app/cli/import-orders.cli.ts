import 'reflect-metadata';

// Before any module makes its logger: the command's own lines are its output, the logs only warnings.
process.env.LOG_LEVEL ||= 'warn';
const { runImportOrdersCommand } = await import('./import-orders.js');

// Ctrl-C: a file whose job has not started is withdrawn; one that runs rolls back and is withdrawn too.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

runImportOrdersCommand(
  process.argv.slice(2),
  process.env,
  {
    line: (text) => console.log(text),
    error: (text) => console.error(text),
    progressStream: process.stderr.isTTY ? process.stderr : null,
  },
  stop.signal,
)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
