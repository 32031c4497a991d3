#pragma once

// Columns padded to their widest cell, text left-aligned and numbers right-aligned; the last column
// is not padded; control characters in cells show as '?'. The console table of a run and of a
// comparison share it.
#include <string>
#include <vector>

namespace hwbench {

std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& numeric);

}  // namespace hwbench
