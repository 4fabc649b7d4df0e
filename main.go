// Command xxgk converts 政府信息公开工作年度报告 between published text and
// structured workbooks, writes the canonical fill-in template, and checks
// reports and workbooks cell by cell.
package main

import (
	"os"

	"github.com/xxgk/xxgk/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
