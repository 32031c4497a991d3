// The trace VM: program encoding, the fib program, and the interpreter that writes traces.
#include "workloads/trace/vm.hpp"

#include <fmt/format.h>

#include <bit>
#include <stdexcept>

#include "core/little_endian.hpp"
#include "workloads/sha256/sha256_native.hpp"

namespace hwbench::trace {

static_assert(std::endian::native == std::endian::little, "rows are committed as little-endian integers");

namespace {

bool writes_a(Opcode op) {
  return op == Opcode::set || op == Opcode::add || op == Opcode::mov || op == Opcode::dec;
}
bool reads_b(Opcode op) { return op == Opcode::add || op == Opcode::mov; }
bool uses_imm(Opcode op) { return op == Opcode::set || op == Opcode::jnz; }

void validate(const std::vector<Instruction>& code) {
  if (code.empty()) throw std::invalid_argument("a program needs at least one instruction");
  for (std::size_t i = 0; i < code.size(); ++i) {
    const Instruction& in = code[i];
    if (static_cast<unsigned>(in.op) > static_cast<unsigned>(Opcode::jnz)) {
      throw std::invalid_argument(
          fmt::format("instruction {}: unknown opcode {}", i, static_cast<unsigned>(in.op)));
    }
    const bool has_a = writes_a(in.op) || in.op == Opcode::jnz;
    if ((has_a && in.a >= kRegisters) || (!has_a && in.a != 0) || (reads_b(in.op) && in.b >= kRegisters) ||
        (!reads_b(in.op) && in.b != 0) || (!uses_imm(in.op) && in.imm != 0)) {
      throw std::invalid_argument(
          fmt::format("instruction {} ({}): a register is out of range or an unused field is "
                      "not zero",
                      i, to_string(in.op)));
    }
    if (in.op == Opcode::jnz && in.imm >= code.size()) {
      throw std::invalid_argument(
          fmt::format("instruction {}: jump target {} is outside the program", i, in.imm));
    }
  }
  if (code.back().op != Opcode::halt) throw std::invalid_argument("a program must end with halt");
}

}  // namespace

std::string to_string(Opcode op) {
  switch (op) {
    case Opcode::halt:
      return "halt";
    case Opcode::set:
      return "set";
    case Opcode::add:
      return "add";
    case Opcode::mov:
      return "mov";
    case Opcode::dec:
      return "dec";
    case Opcode::jnz:
      return "jnz";
  }
  return fmt::format("opcode {}", static_cast<unsigned>(op));
}

Program::Program(std::vector<Instruction> code) : m_code(std::move(code)) {
  validate(m_code);
  m_bytes.assign(m_code.size() * kInstructionBytes, std::byte{0});
  for (std::size_t i = 0; i < m_code.size(); ++i) {
    std::byte* out = m_bytes.data() + i * kInstructionBytes;
    out[0] = static_cast<std::byte>(m_code[i].op);
    out[1] = static_cast<std::byte>(m_code[i].a);
    out[2] = static_cast<std::byte>(m_code[i].b);
    store_le64(out + 8, m_code[i].imm);
  }
  sha256::hash_batch(m_bytes.data(), m_bytes.size(), 1, m_hash.data());
}

Program Program::decode(std::span<const std::byte> bytes) {
  if (bytes.size() % kInstructionBytes != 0) {
    throw std::invalid_argument(
        fmt::format("a program is a whole number of {}-byte instructions, not {} bytes", kInstructionBytes,
                    bytes.size()));
  }
  std::vector<Instruction> code(bytes.size() / kInstructionBytes);
  for (std::size_t i = 0; i < code.size(); ++i) {
    const std::byte* in = bytes.data() + i * kInstructionBytes;
    for (int z = 3; z < 8; ++z) {
      if (in[z] != std::byte{0})
        throw std::invalid_argument(fmt::format("instruction {}: reserved byte {} is not zero", i, z));
    }
    code[i] = {static_cast<Opcode>(in[0]), std::to_integer<std::uint8_t>(in[1]),
               std::to_integer<std::uint8_t>(in[2]), load_le64(in + 8)};
  }
  return Program(std::move(code));
}

Program fib_program() {
  using enum Opcode;
  return Program({
      {jnz, 2, 0, 2},   // 0: n == 0: nothing to do
      {halt, 0, 0, 0},  // 1
      {mov, 3, 1, 0},   // 2: loop: t = b
      {add, 1, 0, 0},   // 3:   b = a + b
      {mov, 0, 3, 0},   // 4:   a = t
      {dec, 2, 0, 0},   // 5:   n -= 1
      {jnz, 2, 0, 2},   // 6:   until n == 0
      {halt, 0, 0, 0},  // 7
  });
}

Registers fib_input(std::uint64_t n, std::uint64_t a, std::uint64_t b) { return {a, b, n, 0}; }

Machine::Machine(const Program& program, const Registers& input) : m_program(program) { m_row.r = input; }

std::size_t Machine::run(Row* out, std::size_t capacity) {
  const Instruction* code = m_program.code().data();
  Row row = m_row;
  std::size_t written = 0;
  while (written < capacity && !m_halted) {
    out[written++] = row;
    const Instruction& in = code[row.pc];
    if (in.op == Opcode::halt) {
      m_halted = true;
    } else {
      row = step(row, in);
    }
  }
  m_row = row;
  return written;
}

std::vector<Row> execute(const Program& program, const Registers& input, std::uint64_t max_rows) {
  Machine machine(program, input);
  std::vector<Row> rows;
  constexpr std::size_t kPiece = 1 << 16;
  while (!machine.halted()) {
    if (rows.size() >= max_rows) {
      throw std::runtime_error(fmt::format("the program did not halt within {} steps", max_rows));
    }
    const std::size_t before = rows.size();
    rows.resize(before + std::min<std::uint64_t>(kPiece, max_rows - before));
    rows.resize(before + machine.run(rows.data() + before, rows.size() - before));
  }
  return rows;
}

}  // namespace hwbench::trace
