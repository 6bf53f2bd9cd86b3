// Everything of shenpi's public API.
#pragma once

#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"
#include "shenpi/diff.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/expr.hpp"
#include "shenpi/graph.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"
#include "shenpi/rulebook.hpp"
