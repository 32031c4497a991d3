#include "calibration/profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/host_info.hpp"
#include "core/json_file.hpp"
#include "core/registry.hpp"
#include "hwbench/version.hpp"

namespace hwbench::calibration {
namespace {

// Limits on what a profile may hold; a file past them is refused, not trusted.
constexpr std::uint64_t kMaxSize = std::uint64_t{1} << 40;
constexpr std::size_t kMaxEntries = 100000;
constexpr std::size_t kMaxString = 4096;

std::string slug(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= limit) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "unknown" : out;
}

// FNV-1a, 64 bits: a stable hash for file names, not a security property.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Reads one JSON object field by field; every failure names the file and the field's path.
class Reader {
 public:
  Reader(const nlohmann::json& j, std::string source, std::string path)
      : m_j(j), m_source(std::move(source)), m_path(std::move(path)) {
    if (!m_j.is_object()) fail("is not an object");
  }

  [[noreturn]] void fail(std::string_view why) const {
    bad_json_file(m_source, fmt::format("profile field '{}' {}", m_path.empty() ? "(top)" : m_path, why));
  }

  const nlohmann::json& at(std::string_view key) const {
    const auto it = m_j.find(key);
    if (it == m_j.end()) Reader(m_j, m_source, join(key)).fail("is missing");
    return *it;
  }
  bool has(std::string_view key) const { return m_j.contains(key) && !m_j.at(std::string(key)).is_null(); }
  Reader object(std::string_view key) const { return Reader(at(key), m_source, join(key)); }

  std::string string(std::string_view key) const {
    const auto& v = at(key);
    if (!v.is_string()) sub(key).fail("is not a string");
    if (v.get_ref<const std::string&>().size() > kMaxString) sub(key).fail("is too long");
    return v.get<std::string>();
  }
  std::uint64_t unsigned_int(std::string_view key, std::uint64_t max = kMaxSize) const {
    const auto& v = at(key);
    if (!v.is_number_integer() || (!v.is_number_unsigned() && v.get<std::int64_t>() < 0))
      sub(key).fail("is not a non-negative integer");
    const auto x = v.get<std::uint64_t>();
    if (x > max) sub(key).fail(fmt::format("is larger than {}", max));
    return x;
  }
  std::optional<std::uint64_t> optional_size(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const std::uint64_t x = unsigned_int(key);
    if (x == 0) sub(key).fail("is 0");
    return x;
  }
  double number(std::string_view key, double lo, double hi) const {
    const auto& v = at(key);
    if (!v.is_number()) sub(key).fail("is not a number");
    const double x = v.get<double>();
    if (!(x >= lo && x <= hi)) sub(key).fail(fmt::format("is outside [{}, {}]", lo, hi));
    return x;
  }
  Mode mode(std::string_view key) const {
    const auto m = parse_mode(string(key));
    if (!m) sub(key).fail("is not a mode (host, device or e2e)");
    return *m;
  }
  CrossoverKind kind(std::string_view key) const {
    const std::string s = string(key);
    for (auto k : {CrossoverKind::crossover, CrossoverKind::gpu_everywhere, CrossoverKind::cpu_everywhere,
                   CrossoverKind::incomplete}) {
      if (to_string(k) == s) return k;
    }
    sub(key).fail("is not one of crossover, gpu-everywhere, cpu-everywhere, incomplete");
  }
  template <class F>
  void each(std::string_view key, F&& read) const {
    const auto& v = at(key);
    if (!v.is_array()) sub(key).fail("is not an array");
    if (v.size() > kMaxEntries) sub(key).fail("has too many entries");
    for (std::size_t i = 0; i < v.size(); ++i)
      read(Reader(v[i], m_source, fmt::format("{}[{}]", join(key), i)));
  }
  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> out;
    const auto& v = at(key);
    if (!v.is_array() || v.size() > kMaxEntries) sub(key).fail("is not an array of strings");
    for (const auto& s : v) {
      if (!s.is_string() || s.get_ref<const std::string&>().size() > kMaxString)
        sub(key).fail("is not an array of strings");
      out.push_back(s.get<std::string>());
    }
    return out;
  }
  const nlohmann::json& json() const { return m_j; }

 private:
  std::string join(std::string_view key) const {
    return m_path.empty() ? std::string(key) : fmt::format("{}.{}", m_path, key);
  }
  Reader sub(std::string_view key) const { return Reader(m_j, m_source, join(key), true); }
  Reader(const nlohmann::json& j, std::string source, std::string path, bool /*unchecked*/)
      : m_j(j), m_source(std::move(source)), m_path(std::move(path)) {}

  const nlohmann::json& m_j;
  std::string m_source;
  std::string m_path;
};

Machine machine_from(const Reader& r) {
  Machine m;
  m.fingerprint = r.string("fingerprint");
  m.cpu_model = r.string("cpu_model");
  m.logical_cores = static_cast<int>(r.unsigned_int("logical_cores", 1 << 20));
  m.memory_bytes = r.unsigned_int("memory_bytes", std::uint64_t{1} << 56);
  m.gpu_name = r.string("gpu_name");
  m.gpu_memory_bytes = r.unsigned_int("gpu_memory_bytes", std::uint64_t{1} << 56);
  m.compute_capability = r.string("compute_capability");
  m.driver_version = r.string("driver_version");
  m.runtime_version = r.string("runtime_version");
  m.hwbench_version = r.string("hwbench_version");
  if (m.fingerprint != fingerprint_of(m)) r.fail("fingerprint does not match the machine it describes");
  return m;
}

nlohmann::json optional_json(const std::optional<std::uint64_t>& x) {
  return x ? nlohmann::json(*x) : nullptr;
}

}  // namespace

nlohmann::json to_json(const Machine& m) {
  return {{"fingerprint", m.fingerprint},
          {"cpu_model", m.cpu_model},
          {"logical_cores", m.logical_cores},
          {"memory_bytes", m.memory_bytes},
          {"gpu_name", m.gpu_name},
          {"gpu_memory_bytes", m.gpu_memory_bytes},
          {"compute_capability", m.compute_capability},
          {"driver_version", m.driver_version},
          {"runtime_version", m.runtime_version},
          {"hwbench_version", m.hwbench_version}};
}

std::string fingerprint_of(const Machine& m) {
  const std::string identity = fmt::format("{}|{}|{}|{}|{}", m.cpu_model, m.logical_cores,
                                           m.memory_bytes >> 30, m.gpu_name, m.gpu_memory_bytes >> 30);
  return fmt::format("{}-{}-{:08x}", slug(m.cpu_model, 32),
                     slug(m.gpu_name.empty() ? "no-gpu" : m.gpu_name, 24), fnv1a(identity) & 0xffffffffU);
}

Machine this_machine() {
  const HostInfo host = host_info();
  Machine m;
  m.cpu_model = host.cpu_model;
  m.logical_cores = host.logical_cores;
  m.memory_bytes = host.memory_bytes;
  m.hwbench_version = fmt::format("{} ({})", kVersion, kGitRevision);
  if (const Backend* cuda = Registry::instance().find_backend(BackendKind::gpu)) {
    const nlohmann::json d = cuda->describe();
    m.driver_version = d.value("driver_version", "");
    m.runtime_version = d.value("runtime_version", "");
    if (d.contains("device") && d["device"].is_object()) {
      const auto& dev = d["device"];
      m.gpu_name = dev.value("name", "");
      m.gpu_memory_bytes = dev.value("memory_bytes", std::uint64_t{0});
      m.compute_capability = dev.value("compute_capability", "");
    }
  }
  m.fingerprint = fingerprint_of(m);
  return m;
}

std::vector<std::string> machine_differences(const Machine& profile, const Machine& now) {
  std::vector<std::string> out;
  auto differ = [&](std::string_view what, const auto& a, const auto& b) {
    if (a != b) out.push_back(fmt::format("{}: profile {}, this machine {}", what, a, b));
  };
  differ("machine", profile.fingerprint, now.fingerprint);
  differ("GPU driver", profile.driver_version, now.driver_version);
  differ("CUDA runtime", profile.runtime_version, now.runtime_version);
  differ("hwbench", profile.hwbench_version, now.hwbench_version);
  return out;
}

const Threshold* VariantProfile::find(std::string_view cpu_backend, Mode mode) const {
  for (const auto& t : thresholds) {
    if (t.cpu_backend == cpu_backend && t.mode == mode) return &t;
  }
  return nullptr;
}

const VariantProfile* WorkloadProfile::find(std::string_view variant) const {
  for (const auto& v : variants) {
    if (v.variant == variant) return &v;
  }
  return nullptr;
}

const WorkloadProfile* Profile::find(std::string_view workload) const {
  for (const auto& w : workloads) {
    if (w.workload == workload) return &w;
  }
  return nullptr;
}

nlohmann::json to_json(const Profile& p) {
  nlohmann::json workloads = nlohmann::json::array();
  for (const auto& w : p.workloads) {
    nlohmann::json variants = nlohmann::json::array();
    for (const auto& v : w.variants) {
      nlohmann::json thresholds = nlohmann::json::array();
      for (const auto& t : v.thresholds) {
        thresholds.push_back({{"cpu_backend", t.cpu_backend},
                              {"mode", to_string(t.mode)},
                              {"kind", to_string(t.kind)},
                              {"size", optional_json(t.size)},
                              {"below", t.below}});
      }
      nlohmann::json split = nullptr;
      if (v.split) {
        split = {{"size", v.split->size},
                 {"gpu_fraction", v.split->gpu_fraction},
                 {"gpu_items_per_second", v.split->gpu_items_per_second},
                 {"cpu_items_per_second", v.split->cpu_items_per_second},
                 {"cpu_variant", v.split->cpu_variant}};
      }
      nlohmann::json entry = {{"variant", v.variant},
                              {"cpu_variants", v.cpu_variants},
                              {"thresholds", thresholds},
                              {"split", split},
                              {"max_gpu_size", optional_json(v.max_gpu_size)}};
      if (!v.skipped.empty()) entry["skipped"] = v.skipped;
      variants.push_back(std::move(entry));
    }
    nlohmann::json curve = nlohmann::json::array();
    for (const auto& c : w.curve) {
      curve.push_back({{"backend", c.backend},
                       {"variant", c.variant},
                       {"mode", to_string(c.mode)},
                       {"size", c.size},
                       {"median_seconds", c.median_seconds},
                       {"relative_spread", c.relative_spread},
                       {"items_per_second", c.items_per_second},
                       {"peak_device_bytes", c.peak_device_bytes},
                       {"repetitions", c.repetitions}});
    }
    nlohmann::json entry = {{"workload", w.workload}, {"parameters", w.parameters}, {"min_size", w.min_size},
                            {"max_size", w.max_size}, {"variants", variants},       {"curve", curve}};
    if (!w.skipped.empty()) entry["skipped"] = w.skipped;
    workloads.push_back(std::move(entry));
  }
  return {{"schema", "hwbench-profile"},
          {"schema_version", kProfileVersion},
          {"machine", to_json(p.machine)},
          {"created", p.created},
          {"budget_seconds", p.budget_seconds},
          {"elapsed_seconds", p.elapsed_seconds},
          {"alpha", p.alpha},
          {"repetitions", p.repetitions},
          {"gpu_memory_limit_bytes", p.gpu_memory_limit_bytes},
          {"workloads", workloads}};
}

Profile profile_from_json(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object() || !doc.contains("schema") || !doc["schema"].is_string() ||
      doc["schema"] != "hwbench-profile")
    bad_json_file(source, "not an hwbench profile (no \"schema\": \"hwbench-profile\")");
  const Reader top(doc, source, "");
  if (top.unsigned_int("schema_version") != kProfileVersion)
    bad_json_file(source,
                  fmt::format("profile schema version is not one this hwbench reads ({})", kProfileVersion));
  Profile p;
  p.machine = machine_from(top.object("machine"));
  p.created = top.string("created");
  p.budget_seconds = top.number("budget_seconds", 0, 1e7);
  p.elapsed_seconds = top.number("elapsed_seconds", 0, 1e7);
  p.alpha = top.number("alpha", 1e-9, 0.5);
  p.repetitions = static_cast<int>(top.unsigned_int("repetitions", 1000));
  p.gpu_memory_limit_bytes = top.unsigned_int("gpu_memory_limit_bytes", std::uint64_t{1} << 56);
  top.each("workloads", [&](const Reader& wr) {
    WorkloadProfile w;
    w.workload = wr.string("workload");
    if (Registry::instance().find_workload(w.workload) == nullptr)
      wr.fail(fmt::format("names an unknown workload '{}'", w.workload));
    if (p.find(w.workload) != nullptr) wr.fail(fmt::format("repeats workload '{}'", w.workload));
    w.parameters = wr.object("parameters").json();
    w.min_size = wr.unsigned_int("min_size");
    w.max_size = wr.unsigned_int("max_size");
    if (wr.has("skipped")) w.skipped = wr.string("skipped");
    wr.each("variants", [&](const Reader& vr) {
      VariantProfile v;
      v.variant = vr.string("variant");
      v.cpu_variants = vr.strings("cpu_variants");
      if (vr.has("skipped")) v.skipped = vr.string("skipped");
      vr.each("thresholds", [&](const Reader& tr) {
        Threshold t;
        t.cpu_backend = tr.string("cpu_backend");
        const Registry& registry = Registry::instance();
        if (!registry.is_backend(t.cpu_backend, BackendKind::cpu_parallel) &&
            !registry.is_backend(t.cpu_backend, BackendKind::cpu_serial))
          tr.fail(fmt::format("cpu_backend is not {} or {}", registry.backend_name(BackendKind::cpu_parallel),
                              registry.backend_name(BackendKind::cpu_serial)));
        t.mode = tr.mode("mode");
        if (t.mode == Mode::host) tr.fail("mode is not a GPU mode (device or e2e)");
        t.kind = tr.kind("kind");
        t.size = tr.optional_size("size");
        t.below = tr.unsigned_int("below");
        if ((t.kind == CrossoverKind::crossover || t.kind == CrossoverKind::gpu_everywhere) && !t.size)
          tr.fail("has no size for a crossover");
        if (t.size && t.below >= *t.size) tr.fail("has 'below' not under 'size'");
        v.thresholds.push_back(t);
      });
      if (vr.has("split")) {
        const Reader sr = vr.object("split");
        Split s;
        s.size = sr.unsigned_int("size");
        s.gpu_fraction = sr.number("gpu_fraction", 0, 1);
        s.gpu_items_per_second = sr.number("gpu_items_per_second", 0, 1e18);
        s.cpu_items_per_second = sr.number("cpu_items_per_second", 0, 1e18);
        s.cpu_variant = sr.string("cpu_variant");
        v.split = s;
      }
      v.max_gpu_size = vr.optional_size("max_gpu_size");
      w.variants.push_back(std::move(v));
    });
    wr.each("curve", [&](const Reader& cr) {
      CurvePoint c;
      c.backend = cr.string("backend");
      c.variant = cr.string("variant");
      c.mode = cr.mode("mode");
      c.size = cr.unsigned_int("size");
      c.median_seconds = cr.number("median_seconds", 0, 1e7);
      c.relative_spread = cr.number("relative_spread", 0, 1e3);
      c.items_per_second = cr.number("items_per_second", 0, 1e18);
      c.peak_device_bytes = cr.unsigned_int("peak_device_bytes", std::uint64_t{1} << 56);
      c.repetitions = static_cast<int>(cr.unsigned_int("repetitions", 100000));
      w.curve.push_back(std::move(c));
    });
    p.workloads.push_back(std::move(w));
  });
  return p;
}

Profile read_profile(const std::filesystem::path& path) {
  return profile_from_json(read_json_file(path), path.string());
}

std::unique_ptr<AtomicFile> open_profile_file(const std::filesystem::path& path) {
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
      throw UsageError(
          fmt::format("cannot create folder '{}': {}", path.parent_path().string(), ec.message()));
  }
  return std::make_unique<AtomicFile>(path);
}

void write_profile(AtomicFile& file, const Profile& profile) {
  file.write(to_json(profile).dump(2) + "\n");
  file.commit();
}

void write_profile(const std::filesystem::path& path, const Profile& profile) {
  write_profile(*open_profile_file(path), profile);
}

std::filesystem::path default_profile_path(const Machine& machine) {
  return std::filesystem::path("profiles") / (machine.fingerprint + ".json");
}

}  // namespace hwbench::calibration
