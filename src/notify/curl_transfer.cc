#include "notify/curl_transfer.h"

#include <mutex>
#include <stdexcept>

namespace alongside::notify::internal {
namespace {

// libcurl's global set-up, once per process, before the first handle.
void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not be initialised");
    }
  });
}

int OnProgress(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

}  // namespace

CurlTransfer::CurlTransfer(const std::string& url, const char* protocols,
                           const std::atomic<bool>& cancel)
    : cancel_(cancel) {
  GlobalInit();
  handle_ = curl_easy_init();
  if (!handle_) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle_, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
  curl_easy_setopt(handle_, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(handle_, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(handle_, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(&cancel_));
}

CurlTransfer::~CurlTransfer() {
  curl_easy_cleanup(handle_);
  for (curl_slist* list : lists_) curl_slist_free_all(list);
}

curl_slist* CurlTransfer::List(const std::vector<std::string>& items) {
  curl_slist* list = nullptr;
  for (const std::string& item : items) {
    curl_slist* longer = curl_slist_append(list, item.c_str());
    if (!longer) {
      curl_slist_free_all(list);
      throw std::bad_alloc();
    }
    list = longer;
  }
  lists_.push_back(list);
  return list;
}

Status CurlTransfer::Perform(const std::string& what) {
  error_[0] = '\0';
  CURLcode code = curl_easy_perform(handle_);
  if (code == CURLE_OK) return Status::Ok();
  if (code == CURLE_ABORTED_BY_CALLBACK) return Status::Unavailable(what + ": cancelled");
  std::string detail = error_[0] ? error_ : curl_easy_strerror(code);
  return Status::Unavailable(what + ": " + detail);
}

long CurlTransfer::ResponseCode() {
  long code = 0;
  curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

}  // namespace alongside::notify::internal
