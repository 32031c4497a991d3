#include "report/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace hwbench {

namespace {

// Control characters from a result file (a line feed that would split a row, a terminal escape) shown
// as '?'.
std::string printable(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

}  // namespace

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& raw_rows,
                       const std::vector<bool>& numeric) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& raw : raw_rows) {
    std::vector<std::string> row;
    for (const auto& cell : raw) row.push_back(printable(cell));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c + 1 == cells.size()) {
        out += cells[c];
      } else {
        out += numeric[c] ? fmt::format("{:>{}}  ", cells[c], width[c])
                          : fmt::format("{:<{}}  ", cells[c], width[c]);
      }
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) out += line(row);
  return out;
}

}  // namespace hwbench
