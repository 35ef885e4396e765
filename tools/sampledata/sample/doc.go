// Package sample generates the SYNTHETIC action-plan data of the example
// site (fictional providers and actions, with deliberately small categories
// so that disclosure control has work to do). Command tools/sampledata
// writes it into data/; the benchmarks use it to make datasets that grow
// with the size of a generated site. The output depends only on the number
// of actions asked for.
package sample
