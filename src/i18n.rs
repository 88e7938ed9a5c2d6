//! The interface's own words, in Simplified Chinese and English. Each pair is written side by
//! side so that neither language can fall behind; texts that come from rule packs carry both
//! languages themselves.

use qualify_engine::Lang;

macro_rules! strings {
    ($($name:ident: $zh:literal, $en:literal;)*) => {
        /// Every string of the interface.
        pub struct Ui { $(pub $name: &'static str,)* }
        pub const ZH: Ui = Ui { $($name: $zh,)* };
        pub const EN: Ui = Ui { $($name: $en,)* };
    };
}

strings! {
    app_title: "Qualify 资质自评", "Qualify self-assessment";
    app_tagline: "企业技术中心、高新技术企业、专精特新等认定条件自评:填写一次,逐项对照。", "Check your enterprise against technology center, high-tech and SME recognition programs: enter your figures once, see every criterion.";
    privacy_note: "您输入的数据只在本浏览器中计算,不会发送到任何服务器。", "Everything you enter is computed in this browser and never sent to any server.";
    skip_to_results: "跳到评估结果", "Skip to results";
    skip_to_content: "跳到正文", "Skip to content";
    language: "语言", "Language";
    as_of: "评估日期", "Assessment date";
    as_of_hint: "按该日期有效的规则版本评估", "Rules in force on this date are applied";
    as_of_invalid: "日期无效,仍按上一个有效日期评估", "Not a valid date; the last valid date is still used";
    programs_legend: "选择要评估的项目", "Programs to assess";
    programs_hint: "根据所在地区推荐;表单只询问所选项目需要的数据。", "Suggested for your region; the form asks only what the chosen programs need.";
    select_all: "全选", "Select all";
    select_none: "全不选", "Select none";
    only_this: "只选此项", "Only this";
    only_this_label: "只选此项:{}", "Only this: {}";
    select_suggested: "只选本地区", "Only my region";
    form_heading: "企业数据", "Company figures";
    progress: "所需数据已填", "Needed figures entered";
    show_all_fields: "显示全部字段", "Show every field";
    section_company: "企业基本情况", "Company";
    section_fiscal: "财务数据(万元)", "Financial figures (万元 = 10,000 yuan)";
    section_staff: "人员与成果", "Staff and results";
    section_ip: "知识产权(件)", "Intellectual property (items)";
    section_center: "技术中心", "Technology center";
    section_certs: "已获认定", "Certifications held";
    section_declarations: "自行声明", "Declarations";
    section_self_scores: "自评分与自报数据", "Self-assessed scores and declared figures";
    name: "企业名称", "Company name";
    unit_wan: "万元", "万元";
    unit_m2: "平方米", "m²";
    unit_percent: "%", "%";
    unit_points: "分", "points";
    choose: "请选择", "Choose";
    unknown: "未填写", "Not given";
    yes: "是", "Yes";
    no: "否", "No";
    year_suffix: "年", "";
    amount_hint: "金额以万元为单位,可输入 1500、1,500、1500.5、全角数字,或带“万”“亿”:1.5亿 即 15000 万元。", "Amounts are in 万元 (10,000 yuan): enter 1500, 1,500, 1500.5, full-width digits, or use 万 and 亿: 1.5亿 is 15000 万元.";
    cert_kind: "认定类别", "Recognition";
    cert_since: "获得日期", "Since";
    cert_until: "有效期至(可选)", "Valid until (optional)";
    cert_add: "添加一项认定", "Add a certification";
    cert_remove: "删除", "Remove";
    cert_none: "本企业目前未获得以上任何认定", "We hold none of these";
    answer_yes: "符合", "Yes, it holds";
    answer_no: "不符合", "No";
    answer_unset: "暂不回答", "Not answered";
    results_heading: "评估结果", "Results";
    results_empty: "请至少选择一个项目。", "Choose at least one program.";
    sort_label: "排序", "Sort by";
    sort_ladder: "按层级", "By level";
    sort_closeness: "按接近程度", "By how close";
    level: "级别", "Level";
    region: "地区", "Region";
    national: "全国", "Nationwide";
    version: "规则版本", "Rule version";
    effective: "生效", "in force from";
    until: "至", "until";
    criteria: "条件", "Criteria";
    criteria_met: "项条件符合", "criteria met";
    outcome: "结果", "Outcome";
    actual: "实际", "Actual";
    required: "要求", "Required";
    gap: "差距", "Gap";
    source: "依据", "Source";
    confidence: "可信度", "Confidence";
    confidence_legend: "可信度说明", "Confidence, in words";
    checked: "规则核对日期", "Rules last checked";
    score: "得分", "Score";
    pass_line: "合格线", "Pass line";
    needs_inputs: "还需填写", "Still needed";
    needs_scores: "还需在“自行声明”中自评 {} 个分项", "Still to score under Declarations: {} self-assessed items";
    needs_answers: "还需在“自行声明”中确认", "Still to confirm under Declarations";
    open_program_page: "查看项目说明", "Program details";
    host_pack: "由本网站提供的规则", "Rules supplied by this site";
    plan_heading: "申报计划", "When to apply";
    plan_hint: "每个项目下一次在何时申报、按哪一年的数据评审、届时须达到什么。将来的申报时间依据往年通知推测,以当年通知为准。", "For each program: the next call, the year whose figures it judges, and what they must reach by then. A future call is expected from earlier years' notices; the year's own notice decides.";
    plan_loading: "正在计算申报计划……", "Working out the plan…";
    plan_failed: "申报计划暂时无法显示;上面的评估结果不受影响。", "The plan cannot be shown just now; the results above are unaffected.";
    plan_calendar: "加入日历(.ics)", "Add to calendar (.ics)";
    plan_none: "请先选择项目。", "Choose programs first.";
    ladder_heading: "认定阶梯", "Recognition ladder";
    ladder_hint: "您所在地区从市级到国家级的认定层级。", "Recognition levels for your region, from municipal to national.";
    ladder_no_region: "请先选择所在省份和城市,以显示本地区的认定阶梯。", "Choose your province and city to see the ladder for your region.";
    ladder_current: "当前所在层级", "You are here";
    ladder_next: "下一层级", "Next rung";
    ladder_held: "已获得", "Held";
    ladder_rung: "第 {} 级", "Rung {}";
    whatif_heading: "假设分析", "What if";
    whatif_hint: "在此修改数据不会改变您的正式填写内容。", "Changes here do not touch the figures you entered.";
    whatif_start: "开始假设分析", "Start a what-if";
    whatif_reset: "恢复为实际数据", "Reset to my figures";
    whatif_close: "关闭假设分析", "Close what-if";
    whatif_program: "目标项目", "Target program";
    whatif_take: "需要做到什么?", "What does it take?";
    whatif_nothing: "没有可以通过调整数据满足的条件。", "No criterion here can be met by changing figures.";
    whatif_changes: "需要的变化", "Changes needed";
    whatif_now: "实际", "Now";
    whatif_then: "假设", "What if";
    whatif_across: "一组变化对各已选项目的影响", "What one set of changes does to every chosen program";
    whatif_moved: "变化的条件:", "criteria moved: ";
    tools_heading: "保存与分享", "Save and share";
    remember: "在本设备上记住我的数据", "Remember my figures on this device";
    remember_hint: "数据仅保存在本浏览器的本地存储中。", "Stored only in this browser's local storage.";
    forget: "清除本设备上保存的数据", "Forget my figures on this device";
    forgotten: "已清除本设备上保存的数据。", "Your saved figures were removed from this device.";
    export: "导出为 JSON 文件", "Export as a JSON file";
    import: "导入 JSON 文件", "Import a JSON file";
    import_ok: "已导入。", "Imported.";
    import_failed: "导入失败,当前数据未改变:", "Import failed; your current figures are unchanged:";
    share: "生成分享链接", "Make a share link";
    share_warning: "注意:任何拿到此链接的人都能看到链接中的全部数据。", "Warning: whoever gets this link can see every figure in it.";
    share_copy: "复制链接", "Copy link";
    share_copied: "已复制。", "Copied.";
    print: "打印报告", "Print report";
    screen_link: "批量筛查多家企业", "Screen many enterprises";
    screen_hint: "主管部门和咨询机构可用表格模板一次评估多家企业,文件只在本浏览器中处理。", "For bureaus and consultancies: assess many enterprises at once from a spreadsheet template; the file stays in this browser.";
    print_stamp: "报告信息", "Report details";
    printed_on: "打印日期", "Printed on";
    packs_used: "所用规则包", "Rule packs used";
    packs_hash: "规则包哈希", "Hash of the rule packs";
    clear_all: "清空全部数据", "Clear all figures";
    cleared: "已清空全部数据。10 秒内可撤销。", "All figures cleared. You can undo this for 10 seconds.";
    undo: "撤销清空", "Undo clearing";
    link_not_remembered: "正在查看分享链接中的数据;本设备上记住的数据未被覆盖,勾选“记住”才会用这些数据替换。", "You are viewing the figures of a shared link; the figures remembered on this device were not overwritten (tick “Remember” to replace them with these).";
    link_not_base64: "链接中的数据不是有效的编码", "the link's data is not valid base64url";
    link_error: "链接中的数据无法读取,已忽略:", "The figures in the link could not be read and were ignored:";
    back_to_assessment: "返回评估", "Back to the assessment";
    program_not_found: "找不到该项目。", "No such program.";
    summary: "简介", "About";
    issuer: "主管部门", "Issued by";
    sources: "政策依据", "Sources";
    versions: "规则版本", "Versions";
    version_in_force: "当前有效", "in force";
    basis: "生效日期说明", "How the date was chosen";
    notices: "重要提示", "Notices";
    information: "其他信息", "More information";
    rule: "条件", "Rule";
    no_version_in_force: "该日期没有有效的规则版本", "No version of the rules is in force on this date";
    next_version_from: "下一版本生效于", "Next version in force from";
    announce_outcome: "{}:{}", "{}: {}";
    dismiss: "知道了", "Dismiss";
    footer_note: "结果仅供自评参考,以主管部门正式评审为准。", "For self-assessment only; the issuing authority's review decides.";
    details_loading: "正在加载说明文字……", "Loading the notes…";
    details_failed: "说明文字未能加载(可能已离线),各项条件和评估结果不受影响。重新加载页面可再试。", "The notes could not be loaded (perhaps you are offline); the criteria and the results are not affected. Reload the page to try again.";
    host_failed: "本网站提供的规则包无法使用,以下结果仍按内置规则评估。", "The rule pack this site supplies could not be used; the results below use the built-in rules.";
    host_pack_url: "规则包地址:", "Rule pack address: ";
    host_bad_url: "该地址不是 http 或 https 网址。", "The address is not an http or https URL.";
    host_not_this_site: "规则包只能由本网站或嵌入本工具的网站提供,该地址属于其他网站,未予采用。", "A rule pack can only come from this site or the site that embeds this tool; this address is on another site, so it was not used.";
    host_unreachable: "无法获取该规则包:网络不通,或被服务器、本页的安全策略拒绝。", "The rule pack could not be fetched: the network is down, or the server or this page's security policy refused the request.";
    host_csp: "无法获取该规则包:本页的安全策略不允许连接 {}。", "The rule pack could not be fetched: this page's security policy does not allow connecting to {}.";
    host_status: "无法获取该规则包:服务器返回 HTTP {}。", "The rule pack could not be fetched: the server answered HTTP {}.";
    host_invalid: "该文件不是有效的规则包,共 {} 处错误:", "The file is not a valid rule pack. Errors found: {}";
    host_more: "另有 {} 处错误未列出。", "Errors not listed: {}";
    pack_other_build: "该文件不是本页面所需的版本,未予采用。", "The file is not the version this page needs, so it was not used.";
    pack_loading: "正在加载本项目的规则……", "Loading this program's rules…";
    pack_failed: "本项目的规则未能加载,暂无法评估;其他项目的结果不受影响。重新加载页面可再试。", "This program's rules could not be loaded, so it cannot be assessed for now; the other programs' results are not affected. Reload the page to try again.";
    host_pending: "正在获取本网站提供的规则;获取之前,结果按内置规则评估。", "Fetching the rules this site supplies; until they arrive, the results use the built-in rules.";
    host_timed_out: "该规则包在 {} 秒内没有响应,未予采用。", "The rule pack did not answer within {} seconds, so it was not used.";
    as_of_link_invalid: "地址中的评估日期“{}”不是 YYYY-MM-DD 格式的有效日期,现按 {} 评估。", "The assessment date “{}” in the address is not a real date in YYYY-MM-DD form; assessing on {} instead.";
    storage_failed: "未能保存到本设备:浏览器的存储空间已满或不可用。您输入的数据仍在页面上,但关闭页面后将不会保留。", "Could not save on this device: the browser's storage is full or unavailable. What you typed is still on the page, but it will not be kept once the page is closed.";
}

pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Fills the `{}` of a template in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    for a in args {
        match rest.split_once("{}") {
            Some((head, tail)) => {
                out.push_str(head);
                out.push_str(a);
                rest = tail;
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_in_order() {
        assert_eq!(fill(ZH.ladder_rung, &["2"]), "第 2 级");
        assert_eq!(
            fill(EN.announce_outcome, &["HNTE", "Eligible"]),
            "HNTE: Eligible"
        );
    }
}
