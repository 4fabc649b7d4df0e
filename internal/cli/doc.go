// Package cli is the xxgk command line: subcommands, flags, messages,
// progress and exit statuses over the library packages. main calls Main;
// tests call run in-process, or re-execute the test binary as the CLI.
//
// Each subcommand is a cmd_*.go file registering a command; lists.go
// generates the help's lists (formats, rules) from the format registry and
// schema.Rules; describe maps library errors to the Chinese messages users
// read, with the English code beside them. Library code never prints: the
// CLI does, and chooses the exit status (0 success, 1 findings, 2 unreadable
// input or usage).
package cli
