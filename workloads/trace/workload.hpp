#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/workload.hpp"
#include "workloads/trace/prover.hpp"
#include "workloads/trace/vm.hpp"

namespace hwbench::trace {

// Size n: fib(n) programs of 5n + 2 rows each.
constexpr std::uint64_t kMaxN = std::uint64_t{1} << 24;
// A batch holds at most this many rows in all: --programs is reduced for long traces.
constexpr std::uint64_t kBatchRows = std::uint64_t{1} << 22;
// Every trace is cut off here: a program that runs longer is an error.
constexpr std::uint64_t kMaxRows = fib_rows(kMaxN);

struct Input : CaseInput {
  std::uint64_t n = 0;
  unsigned challenges = kDefaultChallenges;
  Program program = fib_program();
  // The batch: inputs[0] is fib(n) from (0, 1); the others start from seeded pairs (a, b).
  std::vector<Registers> inputs;
  // The `cached` variant's request stream: indices into inputs, drawn from the first half, so repeats.
  std::vector<std::uint32_t> requests;
  std::size_t cache_entries = 16;
};

// Proofs in the order a variant made them; which[j] is the input proofs[j] is for.
struct Output : CaseOutput {
  std::vector<std::uint32_t> which;
  std::vector<Proof> proofs;
};

// Work of one iteration proving `programs` fib(n) programs.
Work proof_work(std::uint64_t n, std::uint64_t programs, unsigned challenges);

//  single:   inputs[0], one proof
//  batch:    every input, one proof after another through one prover (buffers set up once)
//  parallel: every input, programs spread across threads, one prover each
//  cached:   the request stream, through an LRU cache of proofs
enum class Variant { single, batch, parallel, cached };
std::string_view to_string(Variant variant);
// The inputs a variant proves, in order (Output::which).
std::vector<std::uint32_t> proof_order(const Input& in, Variant variant);

}  // namespace hwbench::trace
