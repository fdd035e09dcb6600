// The supervisor's use cases (usecase/practice.h OverseeSupervisees and
// OverseeSupervisee, usecase/staff.h SuperviseeToSupervise) and the
// administrator's names (usecase/program.h Administer), over a real SQLite
// store.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "common/time.h"
#include "rules/rules.h"
#include "store/sqlite/sqlite_store.h"
#include "support/faulty_store.h"
#include "support/test_support.h"
#include "usecase/practice.h"
#include "usecase/program.h"
#include "usecase/staff.h"

namespace alongside {
namespace {

using domain::Id;
using domain::Role;
constexpr Instant kDay = 86400;

class SupervisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenSqliteStore(dir_.File("sup.db"), store::OpenMode::kCreate);
    ASSERT_TRUE(opened.ok());
    base_ = std::move(opened).value();
    store_ = std::make_unique<testing::FaultyStore>(*base_);
    policy_ = std::make_unique<access::Policy>(*store_);
    ids_ = testing::MakeSmallProgram(*store_);
    peer_sup_ = AddStaff("Sage S.", Role::kSeniorPeerSupervisor);
    clin_sup_ = AddStaff("Casey C.", Role::kClinicalSupervisor);
    // Two supervisees with both supervisors (the hybrid model), and one
    // worker of someone else's.
    alex_ = AddStaff("Alex A.", Role::kPeerSpecialist, peer_sup_, clin_sup_);
    blake_ = AddStaff("Blake B.", Role::kPeerSpecialist, peer_sup_, clin_sup_);
    for (Id worker : {alex_, blake_}) {
      ASSERT_TRUE(
          store_->AddAssignment({0, ids_.person, worker, 20000, std::nullopt}, testing::kTestActor)
              .ok());
    }
    now_ = NowUtc();
  }

  Id AddStaff(const std::string& name, Role role, std::optional<Id> peer_sup = std::nullopt,
              std::optional<Id> clin_sup = std::nullopt) {
    domain::Staff staff{0, ids_.team, name, role, peer_sup, clin_sup, true};
    return store_->AddStaff(staff, testing::kTestActor).value();
  }

  access::Principal StaffPrincipal(Id staff_id, Role role) {
    access::Principal principal;
    principal.account_id = staff_id;
    principal.username = "u" + std::to_string(staff_id);
    principal.kind = store::AccountKind::kStaff;
    principal.role = role;
    principal.staff_id = staff_id;
    return principal;
  }

  usecase::Caller CallerFor(const access::Principal& who) {
    return usecase::Caller{who, store::Actor{who.AuditName(), "test"}, now_};
  }

  void Contact(Id worker, Instant start, bool draft, const char* activity = "goal_review") {
    domain::ContactVersion version = testing::DraftVersion(worker, start);
    version.activities = {activity};
    if (!draft) {
      version.status = domain::NoteStatus::kFinal;
      version.signed_by = worker;
      version.signed_at = start + 3600;
    }
    ASSERT_TRUE(store_->RecordContact(ids_.person, worker, version, testing::kTestActor).ok());
  }

  void Session(Id supervisor, Id supervisee, Instant held_at, domain::SupervisionKind kind) {
    domain::SupervisionSession session;
    session.supervisor_id = supervisor;
    session.supervisee_id = supervisee;
    session.kind = kind;
    session.held_at = held_at;
    ASSERT_TRUE(store_->AddSupervisionSession(session, testing::kTestActor).ok());
  }

  usecase::Services Services() { return usecase::Services{*store_, *policy_}; }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> base_;
  std::unique_ptr<testing::FaultyStore> store_;
  std::unique_ptr<access::Policy> policy_;
  testing::SmallProgram ids_;
  Id peer_sup_ = 0, clin_sup_ = 0, alex_ = 0, blake_ = 0;
  Instant now_ = 0;
};

TEST_F(SupervisionTest, OverviewPutsWhoNeedsAttentionFirstWithTheirCounts) {
  // Alex: two drafts past the 72-hour deadline, one recent contact outside
  // peer scope, no supervision yet. Blake: a recent draft (not late), peer
  // supervision three days ago.
  Contact(alex_, now_ - 5 * kDay, true);
  Contact(alex_, now_ - 4 * kDay, true);
  Contact(alex_, now_ - 2 * kDay, false, "diagnosis");
  Contact(alex_, now_ - 20 * kDay, false, "diagnosis");  // before the 14-day period
  Contact(blake_, now_ - 3600, true);
  Session(peer_sup_, blake_, now_ - 3 * kDay, domain::SupervisionKind::kPeerPractice);

  const access::Principal who = StaffPrincipal(peer_sup_, Role::kSeniorPeerSupervisor);
  usecase::Services services = Services();
  store_->Disarm();
  auto overview = usecase::OverseeSupervisees(services, CallerFor(who), 14);
  ASSERT_TRUE(overview.ok()) << overview.status().ToString();
  // A fixed number of reads whatever the caseloads: no list of contacts.
  for (const testing::FaultyStore::Call& call : store_->Calls()) {
    EXPECT_NE(call.name, "ListContacts");
  }
  ASSERT_EQ(overview->supervisees.size(), 2u);
  const usecase::SuperviseeAttention& first = overview->supervisees[0];
  const usecase::SuperviseeAttention& second = overview->supervisees[1];
  EXPECT_EQ(first.caseload.worker.id, alex_);
  EXPECT_EQ(first.drafts_past_deadline, 2);
  EXPECT_EQ(first.role_drift, 1);
  EXPECT_TRUE(first.supervision_due);
  EXPECT_FALSE(first.last_supervision.has_value());
  EXPECT_EQ(first.kind, domain::SupervisionKind::kPeerPractice);
  EXPECT_EQ(first.caseload.drafts, 2);
  // Of Alex's open drift flags, the one raised 20 days ago is past
  // fidelity.json's drift_alert_days (7) and stands out; two days is not.
  EXPECT_EQ(first.drift_alert_days, 7);
  EXPECT_EQ(first.drift_flags_open_long, 1);
  EXPECT_EQ(second.drift_flags_open_long, 0);
  EXPECT_EQ(second.caseload.worker.id, blake_);
  EXPECT_FALSE(second.NeedsAttention());
  EXPECT_EQ(second.last_supervision, now_ - 3 * kDay);
  EXPECT_EQ(overview->drafts_past_deadline, 2);
  EXPECT_EQ(overview->role_drift, 1);
  EXPECT_EQ(overview->supervision_due, 1);
}

TEST_F(SupervisionTest, SupervisionIsDueAfterTheCadenceOfPracticeJsonForTheKindGiven) {
  const rules::PracticeRules& practice = rules::Current().practice();
  ASSERT_EQ(practice.peer_supervision_due_after_days, 14);
  ASSERT_EQ(practice.clinical_supervision_due_after_days, 30);
  // Both supervisors met Alex 15 days ago: due for peer practice
  // supervision (every 14 days), not for clinical supervision (every 30).
  Session(peer_sup_, alex_, now_ - 15 * kDay, domain::SupervisionKind::kPeerPractice);
  Session(clin_sup_, alex_, now_ - 15 * kDay, domain::SupervisionKind::kClinical);
  // The other supervisor's session does not count for this one.
  Session(clin_sup_, blake_, now_ - kDay, domain::SupervisionKind::kClinical);
  usecase::Services services = Services();

  const access::Principal peer = StaffPrincipal(peer_sup_, Role::kSeniorPeerSupervisor);
  auto peer_view = usecase::OverseeSupervisees(services, CallerFor(peer), 14);
  ASSERT_TRUE(peer_view.ok());
  for (const auto& entry : peer_view->supervisees) {
    EXPECT_TRUE(entry.supervision_due) << entry.caseload.worker.display_name;
    EXPECT_EQ(entry.due_after_days, 14);
  }
  const access::Principal clinical = StaffPrincipal(clin_sup_, Role::kClinicalSupervisor);
  auto clinical_view = usecase::OverseeSupervisees(services, CallerFor(clinical), 14);
  ASSERT_TRUE(clinical_view.ok());
  ASSERT_EQ(clinical_view->supervisees.size(), 2u);
  for (const auto& entry : clinical_view->supervisees) {
    EXPECT_FALSE(entry.supervision_due) << entry.caseload.worker.display_name;
    EXPECT_EQ(entry.kind, domain::SupervisionKind::kClinical);
    EXPECT_EQ(entry.due_after_days, 30);
  }
}

TEST_F(SupervisionTest, OneSuperviseesWorkIsPagedAndCounted) {
  for (int draft_idx = 0; draft_idx < 25; ++draft_idx) {
    Contact(alex_, now_ - 10 * kDay + draft_idx * 3600, true);
  }
  Contact(alex_, now_ - kDay, false, "psychotherapy");
  const access::Principal who = StaffPrincipal(peer_sup_, Role::kSeniorPeerSupervisor);
  usecase::Services services = Services();
  usecase::SuperviseeWorkInput input;
  input.worker_id = alex_;
  input.page_size = 10;
  auto first = usecase::OverseeSupervisee(services, CallerFor(who), input);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->attention.drafts_past_deadline, 25);
  ASSERT_EQ(first->past_deadline.size(), 10u);
  EXPECT_EQ(first->past_deadline.front().row.latest.start, now_ - 10 * kDay);  // oldest first
  ASSERT_EQ(first->drifted.size(), 1u);
  EXPECT_TRUE(first->drifted.front().role_drift);
  EXPECT_EQ(first->recent_total, 26);
  EXPECT_EQ(first->recent.size(), 10u);
  EXPECT_EQ(first->recent.front().row.latest.start, now_ - kDay);  // newest first

  input.past_deadline_offset = 20;
  auto last = usecase::OverseeSupervisee(services, CallerFor(who), input);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->past_deadline.size(), 5u);
}

TEST_F(SupervisionTest, AnotherSupervisorsWorkerIsRefusedAndAudited) {
  const access::Principal who = StaffPrincipal(peer_sup_, Role::kSeniorPeerSupervisor);
  usecase::Services services = Services();
  usecase::SuperviseeWorkInput input;
  input.worker_id = ids_.worker;  // supervised by no one
  auto refused = usecase::OverseeSupervisee(services, CallerFor(who), input);
  EXPECT_EQ(refused.status().code(), StatusCode::kForbidden);
  input.worker_id = 999999;  // no such worker: the same answer
  EXPECT_EQ(usecase::OverseeSupervisee(services, CallerFor(who), input).status().code(),
            StatusCode::kForbidden);
  auto tail = store_->AuditTail(1);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->front().outcome, "denied");

  const access::Principal worker = StaffPrincipal(alex_, Role::kPeerSpecialist);
  EXPECT_EQ(usecase::OverseeSupervisees(services, CallerFor(worker), 14).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(usecase::SuperviseeToSupervise(services, CallerFor(who), ids_.worker).status().code(),
            StatusCode::kForbidden);
}

TEST_F(SupervisionTest, TheKindOfSupervisionFollowsTheRelationship) {
  usecase::Services services = Services();
  const access::Principal peer = StaffPrincipal(peer_sup_, Role::kSeniorPeerSupervisor);
  const access::Principal clinical = StaffPrincipal(clin_sup_, Role::kClinicalSupervisor);
  auto from_peer = usecase::SuperviseeToSupervise(services, CallerFor(peer), alex_);
  ASSERT_TRUE(from_peer.ok());
  EXPECT_EQ(from_peer->kind, domain::SupervisionKind::kPeerPractice);
  EXPECT_EQ(from_peer->staff.display_name, "Alex A.");
  auto from_clinical = usecase::SuperviseeToSupervise(services, CallerFor(clinical), alex_);
  ASSERT_TRUE(from_clinical.ok());
  EXPECT_EQ(from_clinical->kind, domain::SupervisionKind::kClinical);
}

TEST_F(SupervisionTest, TheAdministratorSeesNamesBesideIdsReadInOneQuery) {
  const Id admin_id = AddStaff("Ari Admin", Role::kAdministrator);
  // A supervisor reads Alex's person's record (an audit row with whose
  // record it is), and a refused read of an unknown person.
  const access::Principal sup = StaffPrincipal(peer_sup_, Role::kSeniorPeerSupervisor);
  usecase::Services services = Services();
  usecase::SuperviseeWorkInput input;
  input.worker_id = alex_;
  Contact(alex_, now_ - kDay, true);
  ASSERT_TRUE(usecase::OverseeSupervisee(services, CallerFor(sup), input).ok());
  store::AuditEntry probe;
  probe.at = now_;
  probe.actor = "person:888888";
  probe.address = "test";
  probe.action = "person.read";
  probe.entity = "person";
  probe.person_id = 777777;
  probe.outcome = "denied";
  ASSERT_TRUE(store_->AppendAudit(probe).ok());

  const access::Principal admin = StaffPrincipal(admin_id, Role::kAdministrator);
  store_->Disarm();
  auto overview = usecase::Administer(services, CallerFor(admin), 25);
  ASSERT_TRUE(overview.ok()) << overview.status().ToString();
  int name_reads = 0;
  for (const testing::FaultyStore::Call& call : store_->Calls()) {
    name_reads += call.name == "NamesOf" ? 1 : 0;
  }
  EXPECT_EQ(name_reads, 1);
  const std::string sup_actor = "staff:" + std::to_string(peer_sup_);
  EXPECT_EQ(overview->actor_names[sup_actor], "Sage S.");
  EXPECT_EQ(overview->person_names[ids_.person], "Sam T.");
  EXPECT_EQ(overview->person_names.count(777777), 0u);  // no such person: no name
  EXPECT_EQ(overview->actor_names.count("person:888888"), 0u);
  // The admin's own read says whose names it showed.
  auto tail = store_->AuditTail(1);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->front().action, "admin.read");
  EXPECT_NE(tail->front().detail.find("names shown of people " + std::to_string(ids_.person)),
            std::string::npos)
      << tail->front().detail;
}

}  // namespace
}  // namespace alongside
