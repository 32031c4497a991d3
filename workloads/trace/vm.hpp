#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/hd.hpp"

namespace hwbench::trace {

// The trace VM: four 64-bit registers, a program counter and six instructions; arithmetic wraps
// modulo 2^64. A program is a list of 16-byte instructions (docs/TRACE.md):
//   byte 0      opcode: 0 halt, 1 set, 2 add, 3 mov, 4 dec, 5 jnz
//   byte 1      a: the register written (set, add, mov, dec) or tested (jnz)
//   byte 2      b: the register read (add, mov)
//   bytes 3-7   zero
//   bytes 8-15  imm, little-endian: set's value, jnz's target
// Fields an instruction does not use must be zero, so every program has one encoding (and one hash).
constexpr unsigned kRegisters = 4;
constexpr std::size_t kInstructionBytes = 16;

enum class Opcode : std::uint8_t { halt = 0, set = 1, add = 2, mov = 3, dec = 4, jnz = 5 };

struct Instruction {
  Opcode op = Opcode::halt;
  std::uint8_t a = 0;
  std::uint8_t b = 0;
  std::uint64_t imm = 0;
};

using Registers = std::array<std::uint64_t, kRegisters>;

// One row of the trace: the machine's state before step `step` executes. Rows are committed as these
// 48 bytes, every field a little-endian 64-bit integer.
struct Row {
  std::uint64_t step = 0;
  std::uint64_t pc = 0;
  Registers r{};
  friend bool operator==(const Row&, const Row&) = default;
};
constexpr std::size_t kRowBytes = 48;
static_assert(sizeof(Row) == kRowBytes, "rows are stored as they are committed");

// Register i of a row, selected without indexing, so that a row can live in machine registers.
HWBENCH_HD std::uint64_t read_register(const Registers& r, unsigned i) {
  return i == 0 ? r[0] : i == 1 ? r[1] : i == 2 ? r[2] : r[3];
}

// The state after `row` executes `in` (not a halt): the VM's rules, written once for the prover, the
// verifier and the device. Register a is always rewritten (with its own value where the instruction
// writes nothing) and no register is indexed: an interpreter keeps the whole row in registers.
HWBENCH_HD Row step(const Row& row, const Instruction& in) {
  const std::uint64_t a = read_register(row.r, in.a);
  const std::uint64_t b = read_register(row.r, in.b);
  std::uint64_t value = a;
  std::uint64_t pc = row.pc + 1;
  switch (in.op) {
    case Opcode::set:
      value = in.imm;
      break;
    case Opcode::add:
      value = a + b;
      break;
    case Opcode::mov:
      value = b;
      break;
    case Opcode::dec:
      value = a - 1;
      break;
    case Opcode::jnz:
      if (a != 0) pc = in.imm;
      break;
    case Opcode::halt:
      break;
  }
  return {row.step + 1,
          pc,
          {in.a == 0 ? value : row.r[0], in.a == 1 ? value : row.r[1], in.a == 2 ? value : row.r[2],
           in.a == 3 ? value : row.r[3]}};
}

// A validated program: every opcode known, registers in range, unused fields zero, jump targets
// inside the program, and a halt as the last instruction (so execution never runs off the end).
class Program {
 public:
  explicit Program(std::vector<Instruction> code);
  // Decodes and validates an encoding; throws std::invalid_argument with the reason.
  static Program decode(std::span<const std::byte> bytes);

  const std::vector<Instruction>& code() const { return m_code; }
  const std::vector<std::byte>& bytes() const { return m_bytes; }
  // SHA-256 of the encoding: what a proof is bound to.
  const std::array<std::byte, 32>& hash() const { return m_hash; }

 private:
  std::vector<Instruction> m_code;
  std::vector<std::byte> m_bytes;
  std::array<std::byte, 32> m_hash{};
};

std::string to_string(Opcode op);

// fib: with r0 = a, r1 = b, r2 = n it leaves the n-th term of the sequence a, b, a+b, ... in r0 (the
// Fibonacci number F(n) for a = 0, b = 1) and the next in r1, in 5n + 2 rows.
Program fib_program();
Registers fib_input(std::uint64_t n, std::uint64_t a = 0, std::uint64_t b = 1);
constexpr std::uint64_t fib_rows(std::uint64_t n) { return 5 * n + 2; }

// Runs a program from pc 0 with the given registers, writing the trace in pieces: each run() call
// continues where the last stopped.
class Machine {
 public:
  Machine(const Program& program, const Registers& input);
  // Writes up to `capacity` rows; returns how many. The halting row is the last one written.
  std::size_t run(Row* out, std::size_t capacity);
  bool halted() const { return m_halted; }

 private:
  const Program& m_program;
  Row m_row;
  bool m_halted = false;
};

// The whole trace; throws std::runtime_error if the program has not halted within max_rows.
std::vector<Row> execute(const Program& program, const Registers& input, std::uint64_t max_rows);

}  // namespace hwbench::trace
