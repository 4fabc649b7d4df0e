// Package compare merges several units' Reports into one (汇总) and compares
// two Reports cell by cell and section by section (diff).
//
// Merge sums every cell over the units and keeps a cell missing when any
// unit has it missing, with a note naming those units: a sum with a hole in
// it is not a total. Diff lines up two Reports, of the same format or across
// the 2019 and 2021 formats where formats.md says their rows are comparable.
package compare
