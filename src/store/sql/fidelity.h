// The SQL of fidelity's reads (docs/fidelity.md): what each worker recorded
// in a period, in six aggregate queries over the indexes migration 0010
// made for them (the period's contacts scanned once). Private to the store.
#pragma once

#include <vector>

#include "store/sql/statement.h"
#include "store/store.h"

namespace alongside::store::sql {

Result<std::vector<domain::WorkerPractice>> PracticeForFidelity(const Connection& db,
                                                                const FidelityQuery& query);

}  // namespace alongside::store::sql
