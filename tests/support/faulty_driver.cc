#include "support/faulty_driver.h"

#include <string>
#include <utility>

namespace alongside::testing {
namespace {

Status Injected(const char* what) {
  return Status::Unavailable(std::string("injected driver failure in ") + what);
}

class FaultyCursor final : public store::sql::Cursor {
 public:
  FaultyCursor(store::sql::Cursor* inner, std::shared_ptr<DriverFaultPlan> plan)
      : inner_(inner), plan_(std::move(plan)) {}

  void BindInt(int index, std::int64_t value) override { inner_->BindInt(index, value); }
  void BindReal(int index, double value) override { inner_->BindReal(index, value); }
  void BindText(int index, std::string_view value) override { inner_->BindText(index, value); }
  void BindNull(int index) override { inner_->BindNull(index); }
  bool Step(Status& error) override {
    if (plan_->Fails()) {
      error = Injected("step");
      return false;
    }
    return inner_->Step(error);
  }
  void Reset() override { inner_->Reset(); }
  int Columns() const override { return inner_->Columns(); }
  bool IsNull(int column) const override { return inner_->IsNull(column); }
  std::int64_t Int(int column) const override { return inner_->Int(column); }
  double Real(int column) const override { return inner_->Real(column); }
  std::string Text(int column) const override { return inner_->Text(column); }
  std::int64_t Changes() const override { return inner_->Changes(); }

  store::sql::Cursor* inner() const { return inner_; }

 private:
  store::sql::Cursor* inner_;
  std::shared_ptr<DriverFaultPlan> plan_;
};

class FaultyConnection final : public store::sql::Connection {
 public:
  FaultyConnection(std::unique_ptr<store::sql::Connection> inner,
                   std::shared_ptr<DriverFaultPlan> plan)
      : inner_(std::move(inner)), plan_(std::move(plan)) {}

  store::sql::Dialect dialect() const override { return inner_->dialect(); }
  Status Exec(const std::string& sql) override {
    if (plan_->Fails()) return Injected("exec");
    return inner_->Exec(sql);
  }
  store::sql::Cursor* Take(std::string_view sql, Status& error) const override {
    if (plan_->Fails()) {
      error = Injected("prepare");
      return nullptr;
    }
    store::sql::Cursor* cursor = inner_->Take(sql, error);
    return cursor ? new FaultyCursor(cursor, plan_) : nullptr;
  }
  void Give(store::sql::Cursor* cursor) const override {
    auto* faulty = static_cast<FaultyCursor*>(cursor);
    inner_->Give(faulty->inner());
    delete faulty;
  }
  bool InTransaction() const override { return inner_->InTransaction(); }

 private:
  std::unique_ptr<store::sql::Connection> inner_;
  std::shared_ptr<DriverFaultPlan> plan_;
};

}  // namespace

store::WriterWrapper FaultyWriter(std::shared_ptr<DriverFaultPlan> plan) {
  return [plan](std::unique_ptr<store::sql::Connection> inner)
             -> std::unique_ptr<store::sql::Connection> {
    return std::make_unique<FaultyConnection>(std::move(inner), plan);
  };
}

}  // namespace alongside::testing
