#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <list>
#include <unordered_map>

#include "workloads/trace/prover.hpp"

namespace hwbench::trace {

// Proofs kept by (program hash, input), least recently used evicted first. A proof depends on
// nothing else (the challenge count is fixed per cache), so a hit can be served as it is.
class ProofCache {
 public:
  struct Key {
    Digest program;
    Registers input;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct Stats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
  };

  explicit ProofCache(std::size_t capacity) : m_capacity(capacity) {}

  // The cached proof (now the most recently used), or nullptr.
  const Proof* find(const Key& key) {
    const auto it = m_index.find(key);
    if (it == m_index.end()) {
      ++m_stats.misses;
      return nullptr;
    }
    ++m_stats.hits;
    m_entries.splice(m_entries.begin(), m_entries, it->second);
    return &it->second->second;
  }

  void insert(const Key& key, Proof proof) {
    if (const auto it = m_index.find(key); it != m_index.end()) {
      it->second->second = std::move(proof);
      m_entries.splice(m_entries.begin(), m_entries, it->second);
      return;
    }
    if (m_entries.size() == m_capacity) {
      m_index.erase(m_entries.back().first);
      m_entries.pop_back();
      ++m_stats.evictions;
    }
    m_entries.emplace_front(key, std::move(proof));
    m_index.emplace(key, m_entries.begin());
  }

  void clear() {
    m_entries.clear();
    m_index.clear();
    m_stats = {};
  }
  const Stats& stats() const { return m_stats; }
  std::size_t size() const { return m_entries.size(); }

 private:
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h;
      std::memcpy(&h, k.program.data(), sizeof h);  // already a uniform hash
      for (std::uint64_t r : k.input) h = (h ^ r) * 0x9e3779b97f4a7c15ULL;
      return static_cast<std::size_t>(h ^ (h >> 29));
    }
  };
  using Entry = std::pair<Key, Proof>;

  std::size_t m_capacity;
  std::list<Entry> m_entries;  // most recently used first
  std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> m_index;
  Stats m_stats;
};

}  // namespace hwbench::trace
