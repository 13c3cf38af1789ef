// What a process running the CLI does around `main`, shared by the two ways it starts: the plain
// launcher (bin/infralint.js) and the startup snapshot (bin/build-snapshot.js copies this function's
// source into the snapshot's entry, so it must use nothing but its arguments and `process`).

/** Runs the CLI's `main` as the process's own: exit code, a closed stdout, a stuck worker. */
export async function runCli(cli, argv) {
  // `infralint check | head` closes the pipe early: that is not an error worth a stack trace; a full
  // disk or a closed stdout (`> /dev/full`) is one line and exit 2.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`infralint: cannot write the report: ${error.code ?? error.message}\n`);
    process.exit(2);
  });
  process.exitCode = await cli.main(argv);
  // The work is done: a worker thread blocked in a system call (a stuck file system) must not keep
  // the process, and a CI job, alive. The timer does not itself keep the process up.
  setTimeout(() => process.exit(), 10_000).unref();
}
