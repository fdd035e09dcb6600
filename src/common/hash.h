// SHA-256 digests as lower-case hex (libsodium's crypto_hash_sha256).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace alongside {

std::string Sha256Hex(std::string_view data);

// Incremental SHA-256 for data fed in pieces.
class Sha256Stream {
 public:
  Sha256Stream();
  void Update(std::string_view data);
  std::string HexDigest();  // ends the stream

 private:
  alignas(64) unsigned char state_[128];
};
// Streams the file in blocks; NotFound when it cannot be opened.
Result<std::string> Sha256HexOfFile(const std::string& path);

}  // namespace alongside
