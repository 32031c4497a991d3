// --store and --baseline URLs: one it accepts names a kind and a target (a file for sqlite:), and holds
// only the options a store knows, each once and none empty.
#include "fuzz/fuzz_input.hpp"
#include "store/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hwbench;
  return fuzz::refuse_or_accept([&] {
    const store::StoreUrl url = store::parse_store_url(fuzz::text_of(data, size));
    fuzz::require(url.kind == store::StoreUrl::Kind::postgresql || !url.target.empty());
    fuzz::require(url.text.size() == size && url.target.size() <= size);
    for (const auto& [name, value] : url.query) {
      fuzz::require((name == "tag" || name == "last") && !value.empty());
      fuzz::require(value.find('&') == std::string::npos);
    }
  });
}
