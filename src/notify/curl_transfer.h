// One libcurl transfer, set up the way every outbox channel needs it: no
// signals (the worker is one thread of many), a connect timeout of 5 s and
// a whole-transfer timeout of 10 s, only the protocols the channel names,
// and a cancel flag checked while it runs. Private to notify/.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <string>
#include <vector>

#include "common/status.h"

namespace alongside::notify::internal {

class CurlTransfer {
 public:
  // `protocols` as CURLOPT_PROTOCOLS_STR takes them ("smtp,smtps").
  // The transfer ends with Unavailable("cancelled") once *cancel is true.
  CurlTransfer(const std::string& url, const char* protocols, const std::atomic<bool>& cancel);
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  CURL* handle() { return handle_; }
  // A list for CURLOPT_MAIL_RCPT or CURLOPT_HTTPHEADER, freed with the transfer.
  curl_slist* List(const std::vector<std::string>& items);

  // Performs the transfer. Ok when libcurl reports success; otherwise
  // Unavailable("<what>: <libcurl's error>").
  Status Perform(const std::string& what);
  long ResponseCode();

 private:
  CURL* handle_ = nullptr;
  std::vector<curl_slist*> lists_;
  const std::atomic<bool>& cancel_;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace alongside::notify::internal
