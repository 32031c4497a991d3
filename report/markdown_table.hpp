#pragma once

// GitHub-flavoured Markdown: text from result files escaped so that it shows as text, and tables with
// numbers right-aligned. The run's table and the comparison share them.
#include <string>
#include <vector>

namespace hwbench {

// Every character Markdown or HTML could read as markup escaped with a backslash; line breaks (which
// would end a table row) become spaces.
std::string markdown_escape(const std::string& text);

// Cells are escaped here.
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows,
                           const std::vector<bool>& numeric);

}  // namespace hwbench
