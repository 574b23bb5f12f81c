//! The task's own fields: what `task/create` requires, the start and stop
//! times, the time zone, the calling days and quarter-hours, redials and
//! limits, the default calling code, the callbacks.

use ivr_flow::Text;

use crate::model::{StartType, Task, join};
use crate::phone::Regions;
use crate::problem::{Code, Place, TaskProblem};

/// The zone offsets that exist: UTC-12 to UTC+14.
pub(crate) const ZONE_MIN: i64 = -43_200;
pub(crate) const ZONE_MAX: i64 = 50_400;

pub(super) fn check_task(task: &Task, now: i64, regions: &mut Regions, out: &mut Vec<TaskProblem>) {
    let mut push = |code, field: &str, en: String, zh: String| {
        out.push(TaskProblem::new(
            code,
            Place::field(field),
            Text::new(en, zh),
        ));
    };

    for (field, empty, en, zh) in [
        (
            "taskName",
            task.name.trim().is_empty(),
            "the task's name",
            "任务名称",
        ),
        (
            "autoFlowId",
            task.agent_id.is_none(),
            "the AI agent",
            "AI Agent",
        ),
        (
            "routeId",
            task.route_id.trim().is_empty(),
            "the call route",
            "呼叫路由",
        ),
        (
            "zoneSecond",
            task.zone_second.is_none(),
            "the time zone",
            "时区",
        ),
    ] {
        if empty {
            push(
                Code::FieldRequired,
                field,
                format!("Set {en} ({field}): NXLink requires it to create a task."),
                format!("请设置{zh}（{field}）：NXLink 创建任务时必须提供。"),
            );
        }
    }

    let scheduled = task.start == StartType::Scheduled;
    if scheduled {
        match task.startup_at {
            None => push(
                Code::StartupMissing,
                "startupAt",
                "A scheduled task needs a start time (startupAt).".into(),
                "定时启动的任务必须设置启动时间（startupAt）。".into(),
            ),
            Some(at) if at <= now => push(
                Code::StartupPast,
                "startupAt",
                format!(
                    "The start time ({at}) has passed (now is {now}): pick a time in the future."
                ),
                format!("启动时间（{at}）已过（现在是 {now}）：请选择将来的时间。"),
            ),
            Some(_) => {}
        }
    }
    if let Some(stop) = task.shutdown_at {
        let (from, en_from, zh_from) = match (scheduled, task.startup_at) {
            (true, Some(at)) => (at, "its start time", "启动时间"),
            _ => (now, "now", "当前时间"),
        };
        if stop <= from {
            push(
                Code::ShutdownEarly,
                "shutdownAt",
                format!(
                    "The stop time ({stop}) is not after {en_from} ({from}): the task would stop before calling anyone."
                ),
                format!("停止时间（{stop}）不晚于{zh_from}（{from}）：任务还未拨打就会停止。"),
            );
        }
    }

    if let Some(zone) = task.zone_second
        && !(ZONE_MIN..=ZONE_MAX).contains(&zone)
    {
        push(
            Code::ZoneOutOfRange,
            "zoneSecond",
            format!("The time zone offset {zone} s is outside -43200..50400 (UTC-12 to UTC+14)."),
            format!("时区偏移 {zone} 秒超出 -43200..50400（UTC-12 至 UTC+14）。"),
        );
    }

    let days_ok = task
        .week_days
        .iter()
        .filter(|d| (1..=7).contains(*d))
        .count();
    let bad_days = outside(&task.week_days, 1, 7);
    if !bad_days.is_empty() {
        push(
            Code::WeekDayInvalid,
            "weekDay",
            format!(
                "Calling days must be 1 (Monday) to 7 (Sunday), not {}.",
                list(&bad_days)
            ),
            format!(
                "拨打日必须为 1（周一）到 7（周日），不能是 {}。",
                list(&bad_days)
            ),
        );
    }
    let repeated_days = repeats(&task.week_days);
    if !repeated_days.is_empty() {
        push(
            Code::Repeated,
            "weekDay",
            format!(
                "Calling day {} is listed more than once.",
                list(&repeated_days)
            ),
            format!("拨打日 {} 重复列出。", list(&repeated_days)),
        );
    }

    let mut quarters_ok = 0;
    for (field, hours) in task.quarters() {
        let bad = outside(hours, 0, 23);
        quarters_ok += hours.iter().filter(|h| (0..=23).contains(*h)).count();
        if !bad.is_empty() {
            push(
                Code::HourInvalid,
                field,
                format!("Hours must be 0 to 23, not {} ({field}).", list(&bad)),
                format!("小时必须为 0 到 23，不能是 {}（{field}）。", list(&bad)),
            );
        }
        let twice = repeats(hours);
        if !twice.is_empty() {
            push(
                Code::Repeated,
                field,
                format!("Hour {} is listed more than once ({field}).", list(&twice)),
                format!("小时 {} 重复列出（{field}）。", list(&twice)),
            );
        }
    }
    if days_ok == 0 {
        push(
            Code::NoWindow,
            "weekDay",
            "No calling day is set: no call can ever be made. Tick at least one day.".into(),
            "未设置任何拨打日：任务永远无法拨打。请至少选择一天。".into(),
        );
    }
    if quarters_ok == 0 {
        push(
            Code::NoWindow,
            "firstFifteen",
            "No quarter-hour of the day is open: no call can ever be made. Paint at least one in the calling hours.".into(),
            "一天中没有任何可拨打的 15 分钟时段：任务永远无法拨打。请在拨打时段中至少选择一个。".into(),
        );
    }

    if task.redials < 0 {
        push(
            Code::RedialsNegative,
            "orderMaxCall",
            format!(
                "Redials cannot be negative ({}); 0 means no redial.",
                task.redials
            ),
            format!("重拨次数不能为负数（{}）；0 表示不重拨。", task.redials),
        );
    }
    if task.redial_interval < 0 || (task.redials > 0 && task.redial_interval == 0) {
        push(
            Code::RedialIntervalInvalid,
            "replayInterval",
            format!(
                "The interval between redials must be a positive number of seconds, not {}.",
                task.redial_interval
            ),
            format!("重拨间隔必须为正的秒数，不能是 {}。", task.redial_interval),
        );
    }
    for (field, value, en, zh) in [
        ("maxCall", task.max_calls, "Calls at once", "最大并发"),
        (
            "maxRingTime",
            task.max_ring_time,
            "Ring time",
            "最大响铃时长",
        ),
    ] {
        if let Some(v) = value.filter(|v| *v < 0) {
            push(
                Code::LimitNegative,
                field,
                format!("{en} cannot be negative ({v}); 0 means NXLink's default."),
                format!("{zh}不能为负数（{v}）；0 表示使用 NXLink 的默认值。"),
            );
        }
    }

    let code = task.country_code.trim();
    if !code.is_empty() && regions.region(code).is_none() {
        push(
            Code::CountryCodeUnknown,
            "countryCode",
            format!("\"{code}\" is no country's calling code (86 is China, 1 the USA, 44 the UK)."),
            format!("“{code}”不是任何国家的国际区号（86 为中国，1 为美国，44 为英国）。"),
        );
    }
    if task.user_task_id.trim().is_empty() {
        push(
            Code::UserTaskIdMissing,
            "userTaskId",
            "Set a task id of your own (userTaskId): without it a create whose answer is lost cannot be found again, and contact ids are derived from the numbers alone.".into(),
            "请设置自定义任务 ID（userTaskId）：没有它，丢失应答的创建请求无法找回，名单 ID 也只能仅由号码生成。".into(),
        );
    }
    for (field, url) in [
        ("taskCallbackUrl", &task.task_callback_url),
        ("callCallbackUrl", &task.call_callback_url),
    ] {
        let url = url.trim();
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            push(
                Code::CallbackUrlInvalid,
                field,
                format!("\"{url}\" is not an http(s) address: NXLink cannot post to it."),
                format!("“{url}”不是 http(s) 地址：NXLink 无法回调。"),
            );
        }
    }
}

/// The values outside `lo..=hi`, each once, in order.
fn outside(values: &[i64], lo: i64, hi: i64) -> Vec<i64> {
    let mut bad: Vec<i64> = Vec::new();
    for v in values {
        if !(lo..=hi).contains(v) && !bad.contains(v) {
            bad.push(*v);
        }
    }
    bad
}

/// The values listed more than once, each once, in order of first repeat.
fn repeats(values: &[i64]) -> Vec<i64> {
    let mut twice = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if values[..i].contains(v) && !twice.contains(v) {
            twice.push(*v);
        }
    }
    twice
}

fn list(values: &[i64]) -> String {
    join(values, ", ")
}
