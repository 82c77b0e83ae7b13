import 'reflect-metadata';

process.env.LOG_LEVEL ||= 'warn';
const { runResetPasswordCommand } = await import('./reset-password.js');

runResetPasswordCommand(process.argv.slice(2), process.env, { line: (text) => console.log(text), error: (text) => console.error(text) })
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
