//! Tests of the plain-text parser: the sample article end to end, then short
//! cases, one behaviour each.

use crate::document::{Block, Document, Format, List};
use crate::parse::parse;
use crate::source::Source;

fn doc(text: &str) -> Document {
    parse("t.txt", Source::new(text.to_string()), Format::Text)
}

/// `(level, line, text)` of every heading.
fn outline(d: &Document) -> Vec<(u8, usize, String)> {
    d.headed_sections()
        .map(|(_, s, h)| (s.level, h.line, h.text().to_string()))
        .collect()
}

fn heading_texts(d: &Document) -> Vec<String> {
    outline(d).into_iter().map(|(_, _, t)| t).collect()
}

/// Every block in the document, nested ones included, in order.
fn all_blocks(d: &Document) -> Vec<&Block> {
    fn walk<'a>(b: &'a Block, out: &mut Vec<&'a Block>) {
        out.push(b);
        match b {
            Block::List(l) => l
                .items
                .iter()
                .flat_map(|i| &i.blocks)
                .for_each(|b| walk(b, out)),
            Block::Faq(f) => f.answer.iter().for_each(|b| walk(b, out)),
            Block::Quote(q) => q.blocks.iter().for_each(|b| walk(b, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for s in &d.sections {
        for b in &s.blocks {
            walk(b, &mut out);
        }
    }
    out
}

fn lists(d: &Document) -> Vec<&List> {
    all_blocks(d)
        .into_iter()
        .filter_map(|b| match b {
            Block::List(l) => Some(l),
            _ => None,
        })
        .collect()
}

const SAMPLE: &str = include_str!("../../../input/us-national-security-partnerships.txt");

#[test]
fn sample_article() {
    let d = doc(SAMPLE);
    let title = d.title.as_ref().unwrap();
    assert_eq!(
        title.text,
        "The Vital Role of International Partnerships in US National Security"
    );
    assert_eq!(title.line, 1);

    let o = outline(&d);
    let majors = [
        "Understanding the Foundations of US National Security Strategy",
        "The Importance of Intelligence Sharing",
        "Addressing Transnational Threats Collaboratively",
        "Economic Partnerships and National Security",
        "Strengthening Cybersecurity through International Cooperation",
        "The Future of International Partnerships in US National Security",
    ];
    let minors = [
        "The Evolution of Alliances",
        "Building Trust and Confidence",
        "Combating Terrorism",
        "Promoting Free and Fair Trade",
        "Building Cyber Defenses",
        "Adapting to New Challenges",
    ];
    let mut want: Vec<(u8, &str)> = Vec::new();
    for (a, b) in majors.iter().zip(&minors) {
        want.push((2, a));
        want.push((3, b));
    }
    want.push((2, "Frequently Asked Questions"));
    want.push((2, "Conclusion"));
    let got: Vec<(u8, &str)> = o.iter().map(|(l, _, t)| (*l, t.as_str())).collect();
    assert_eq!(got, want);
    // Each major section has exactly one sub-section.
    for (id, s, h) in d.headed_sections() {
        if majors.contains(&h.text()) {
            assert_eq!(s.children.len(), 1, "{}", h.text());
            assert_eq!(d.sections[s.children[0]].parent, Some(id));
        }
    }
    // Headings carry the right line numbers.
    assert_eq!(o[0].1, 5);
    assert_eq!(o[1].1, 8);
    assert_eq!(o.last().unwrap().1, 81);

    // The key-points table: header apart, 4 rows of 2 cells.
    let tables: Vec<_> = all_blocks(&d)
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    let header: Vec<&str> = t
        .header
        .cells
        .iter()
        .map(|c| c.prose.text.plain.as_str())
        .collect();
    assert_eq!(header, ["Key Point", "Brief Description"]);
    assert_eq!(t.rows.len(), 4);
    assert!(t.rows.iter().all(|r| r.cells.len() == 2));
    assert_eq!(t.columns(), 2);
    let cell = &t.rows[0].cells[1].prose;
    assert_eq!(d.source.slice(cell.span), cell.text.plain);
    assert_eq!(
        cell.text.plain,
        "Provide vital resources and collective action against global threats."
    );

    // The FAQ: five entries without questions, each answered by one paragraph.
    let faq_section = d
        .headed_sections()
        .find(|(_, _, h)| h.text() == "Frequently Asked Questions")
        .map(|(_, s, _)| s)
        .unwrap();
    assert_eq!(faq_section.blocks.len(), 5);
    for b in &faq_section.blocks {
        let Block::Faq(f) = b else {
            panic!("not an FAQ entry: {}", b.kind())
        };
        assert!(f.question.is_none());
        assert_eq!(d.source.slice(f.marker.unwrap()), "▼");
        assert_eq!(f.answer.len(), 1);
        let Block::Paragraph(p) = &f.answer[0] else {
            panic!()
        };
        assert!(p.prose.text.plain.len() > 100);
    }

    // Six lists of three items; item text excludes the marker.
    let ls = lists(&d);
    assert_eq!(ls.len(), 6);
    for l in &ls {
        assert_eq!(l.items.len(), 3);
        assert!(!l.ordered);
        for item in &l.items {
            let Block::Paragraph(p) = &item.blocks[0] else {
                panic!()
            };
            assert!(!p.prose.text.plain.starts_with('-'));
            assert_eq!(d.source.slice(p.prose.span), p.prose.text.plain);
        }
    }

    // No marker, list item, table row or sentence is a heading.
    for (_, _, h) in d.headed_sections() {
        let t = h.text();
        assert!(
            !t.contains('▼') && !t.starts_with("- ") && !t.contains('|') && !t.ends_with('.'),
            "{t}"
        );
        assert!(h.confidence > 0.5 && h.confidence <= 1.0);
    }
}

const INTRO: &str = "The opening paragraph explains what the article is about and why anyone should care about it at all.";
const BODY: &str = "This paragraph is long enough to be body text, with a full stop at the end, as paragraphs have.";

#[test]
fn refuses_short_sentence_with_full_stop() {
    let d = doc(&format!(
        "Title\n\n{INTRO}\nWe needed something new.\n{BODY}\n"
    ));
    assert!(outline(&d).is_empty());
}

#[test]
fn refuses_list_items_table_rows_and_markers() {
    let text = format!(
        "Title\n\n{INTRO}\n- Short item\n- Another item\n{BODY}\nName | Value |\n---|---|\nShort row | x |\n{BODY}\n▼\n{BODY}\n"
    );
    let d = doc(&text);
    assert!(outline(&d).is_empty(), "{:?}", outline(&d));
}

#[test]
fn refuses_line_inside_a_run_of_similar_lines() {
    // An address or a poem: lines alike, none heads the others.
    let text = format!(
        "Title\n\n{INTRO}\nThe old mill by the river\nThe bridge over the stream\nThe church on the hill\nThe inn at the crossroads\n{BODY}\n"
    );
    let d = doc(&text);
    assert!(outline(&d).is_empty(), "{:?}", outline(&d));
}

#[test]
fn short_line_between_paragraphs_needs_evidence() {
    // Title-like, followed by a longer paragraph: a heading.
    let d = doc(&format!("Title\n\n{INTRO}\nThe Second Sprint\n{BODY}\n"));
    assert_eq!(heading_texts(&d), ["The Second Sprint"]);
    // Introduced by a colon: what the colon announced, not a heading.
    let d = doc(&format!(
        "Title\n\n{INTRO}\nThe manifesto says we value this:\nIndividuals over processes\nWorking software over documentation\n{BODY}\n"
    ));
    assert!(outline(&d).is_empty(), "{:?}", outline(&d));
    // Followed by nothing: the last line heads nothing.
    let d = doc(&format!("Title\n\n{INTRO}\n{BODY}\nThanks for reading\n"));
    assert!(outline(&d).is_empty());
    // A short answer or a caption is never a heading.
    let d = doc(&format!(
        "Title\n\n{INTRO}\nN/A\n{BODY}\nFig. 2: The architecture\n{BODY}\n"
    ));
    assert!(outline(&d).is_empty());
}

#[test]
fn numbered_headings_take_levels_from_their_numbers() {
    let text = format!(
        "Title\n\n{INTRO}\n1. Introduction\n{BODY}\n1.1 Scope\n{BODY}\n1.2 Terms\n{BODY}\n2. Methods\n{BODY}\n2.1 Sampling\n{BODY}\n3. Results\n{BODY}\n"
    );
    let d = doc(&text);
    let got: Vec<(u8, String)> = outline(&d).into_iter().map(|(l, _, t)| (l, t)).collect();
    let want = [
        (2, "1. Introduction"),
        (3, "1.1 Scope"),
        (3, "1.2 Terms"),
        (2, "2. Methods"),
        (3, "2.1 Sampling"),
        (2, "3. Results"),
    ];
    assert_eq!(got, want.map(|(l, t)| (l, t.to_string())));
    // A real numbered list stays a list.
    let d = doc(&format!(
        "Title\n\n{INTRO}\n1. First step\n2. Second step\n3. Third step\n{BODY}\n"
    ));
    assert!(outline(&d).is_empty());
    let l = lists(&d)[0];
    assert!(l.ordered);
    assert_eq!(l.start, Some(1));
    assert_eq!(l.items.len(), 3);
}

#[test]
fn all_caps_headings_sit_above_title_case_ones() {
    let text = format!(
        "Title\n\n{INTRO}\nBACKGROUND AND CONTEXT\n{BODY}\nThe Early Years\n{BODY}\nLater Developments\n{BODY}\nTHE PRESENT SITUATION\n{BODY}\nCurrent Projects\n{BODY}\n"
    );
    let d = doc(&text);
    let got: Vec<(u8, String)> = outline(&d).into_iter().map(|(l, _, t)| (l, t)).collect();
    let want = [
        (2, "BACKGROUND AND CONTEXT"),
        (3, "The Early Years"),
        (3, "Later Developments"),
        (2, "THE PRESENT SITUATION"),
        (3, "Current Projects"),
    ];
    assert_eq!(got, want.map(|(l, t)| (l, t.to_string())));
}

#[test]
fn heading_followed_by_heading_is_its_parent() {
    let text = format!(
        "Title\n\n{INTRO}\nDesign Choices\nStorage Layout\n{BODY}\nNetwork Protocol\n{BODY}\n"
    );
    let d = doc(&text);
    let got: Vec<u8> = outline(&d).into_iter().map(|(l, _, _)| l).collect();
    assert_eq!(got, [2, 3, 3]);
}

#[test]
fn template_sections_take_template_levels() {
    let text = "KEP-1: Something\n\nSummary\nWe propose a thing that does what it says.\nMotivation\nThe reasons are many and they are good.\nGoals\n- one goal\nNon-Goals\n- another\nProposal\nThe proposal is simple and can be read here.\nDesign Details\nThe design is simple too, as designs go.\nTest Plan\nWe will test it, as one does with designs.\nGraduation Criteria\nWhen it works, it graduates to the next stage.\nDrawbacks\nAlternatives\nWe could do nothing at all, as ever.\n";
    let d = doc(text);
    let got: Vec<(u8, String)> = outline(&d).into_iter().map(|(l, _, t)| (l, t)).collect();
    let want = [
        (2, "Summary"),
        (2, "Motivation"),
        (3, "Goals"),
        (3, "Non-Goals"),
        (2, "Proposal"),
        (2, "Design Details"),
        (3, "Test Plan"),
        (3, "Graduation Criteria"),
        (2, "Drawbacks"),
        (2, "Alternatives"),
    ];
    assert_eq!(got, want.map(|(l, t)| (l, t.to_string())));
}

#[test]
fn questionnaire_questions_are_headings() {
    let text = "Title\n\nIntro text that says what this questionnaire is for, at some length.\nFeature Enablement\nHow can this feature be enabled or disabled in a live cluster?\nWith a feature gate, which is the usual way to do it.\nDoes enabling the feature change any default behavior?\nNo.\nCan the feature be disabled once it has been enabled?\nYes, by turning off the gate again and restarting.\nScalability\nWill enabling this feature result in any new API calls?\nNo\n";
    let d = doc(text);
    let got: Vec<(u8, String)> = outline(&d).into_iter().map(|(l, _, t)| (l, t)).collect();
    assert_eq!(got.len(), 6, "{got:?}");
    assert_eq!(got[0].0, 2);
    assert!(got[1..4].iter().all(|(l, _)| *l == 3));
    assert_eq!(got[4], (2, "Scalability".to_string()));
    assert_eq!(got[5].0, 3);
}

#[test]
fn hard_wrapped_paragraphs_join_lines_with_spaces() {
    let text = "Title\n\nThe quick brown fox jumps over the lazy dog and then it\nkeeps running through the forest until the sun sets over\nthe hills far away.\n\nA Heading Here\n\nAnother paragraph starts here and it also wraps around at\nabout the same width as the one before it did, which is\nhow hard-wrapped text looks when it is read as plain text.\n";
    let d = doc(text);
    assert_eq!(heading_texts(&d), ["A Heading Here"]);
    let paras: Vec<_> = all_blocks(&d)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(&p.prose),
            _ => None,
        })
        .collect();
    assert_eq!(paras.len(), 2);
    let p = paras[0];
    assert_eq!(
        p.text.plain,
        "The quick brown fox jumps over the lazy dog and then it keeps running through the forest until the sun sets over the hills far away."
    );
    // The space that stands for a line break maps back to the line ending.
    let at = p.text.plain.find(" keeps").unwrap();
    let sp = p.source_span(at..at + 1);
    assert_eq!(d.source.slice(sp), "\n");
    // A word after a line break maps back to its own bytes.
    let w = p.text.plain.find("hills").unwrap();
    assert_eq!(d.source.slice(p.source_span(w..w + 5)), "hills");
    assert_eq!(d.source.line_of(p.source_span(w..w + 5).start), 5);
}

#[test]
fn line_endings_and_bom_give_the_same_structure() {
    let lf = format!(
        "Title\n\n{INTRO}\nFirst Part\n{BODY}\n- item one\n- item two\nSecond Part\n{BODY}\na | b |\n---|---|\n1 | 2 |\n"
    );
    let shape = |d: &Document| {
        let o: Vec<(u8, usize, String)> = outline(d);
        let kinds: Vec<&str> = all_blocks(d).iter().map(|b| b.kind()).collect();
        (o, kinds, d.title.as_ref().map(|t| (t.text.clone(), t.line)))
    };
    let want = shape(&doc(&lf));
    assert_eq!(want.0.len(), 2);
    for variant in [
        lf.replace('\n', "\r\n"),
        lf.replace('\n', "\r"),
        format!("\u{feff}{lf}"),
        format!("\u{feff}{}", lf.replace('\n', "\r\n")),
    ] {
        let d = doc(&variant);
        assert_eq!(shape(&d), want, "{variant:?}");
        // Every prose span still slices to its text.
        for p in d.prose() {
            assert_eq!(d.source.slice(p.prose.span), p.prose.text.plain);
        }
    }
}

#[test]
fn lone_cr_line_numbers() {
    let text = format!("Title\r\r{INTRO}\rA Heading\r{BODY}\r");
    let d = doc(&text);
    assert_eq!(outline(&d), [(2, 4, "A Heading".to_string())]);
    let mixed = format!("Title\r\n\n{INTRO}\rA Heading\r\n{BODY}\n");
    assert_eq!(outline(&doc(&mixed)), [(2, 4, "A Heading".to_string())]);
}

#[test]
fn tables_with_and_without_outer_pipes() {
    for text in [
        "T\n\n| Name | Age |\n|:--|--:|\n| Ann | 31 |\n| Bob | 42 |\n",
        "T\n\nName | Age\n---|---\nAnn | 31\nBob | 42\n",
        "T\n\nName | Age |\n---|---|\nAnn | 31 |\nBob | 42 |\n",
        "T\n\n| Name | Age |\n| Ann | 31 |\n| Bob | 42 |\n",
    ] {
        let d = doc(text);
        let Some(Block::Table(t)) = d.sections[0].blocks.first() else {
            panic!("{text:?}")
        };
        let cells = |r: &crate::document::Row| {
            r.cells
                .iter()
                .map(|c| c.prose.text.plain.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(cells(&t.header), ["Name", "Age"], "{text:?}");
        assert_eq!(t.rows.len(), 2, "{text:?}");
        assert_eq!(cells(&t.rows[1]), ["Bob", "42"], "{text:?}");
        for c in t.rows.iter().flat_map(|r| &r.cells) {
            assert_eq!(d.source.slice(c.prose.span), c.prose.text.plain);
        }
    }
    let d = doc("T\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n");
    let Some(Block::Table(t)) = d.sections[0].blocks.first() else {
        panic!()
    };
    use crate::document::Alignment;
    assert_eq!(t.alignments, [Alignment::Left, Alignment::Right]);
}

#[test]
fn nested_lists() {
    let text = "T\n\n- one\n  - one.a\n  - one.b\n- two\n    1. two.1\n    2. two.2\n- three\n";
    let d = doc(text);
    let Some(Block::List(l)) = d.sections[0].blocks.first() else {
        panic!()
    };
    assert_eq!(l.items.len(), 3);
    let Block::List(inner) = &l.items[0].blocks[1] else {
        panic!()
    };
    assert_eq!(inner.items.len(), 2);
    let Block::List(inner2) = &l.items[1].blocks[1] else {
        panic!()
    };
    assert!(inner2.ordered);
    assert_eq!(inner2.start, Some(1));
    let Block::Paragraph(p) = &inner2.items[1].blocks[0] else {
        panic!()
    };
    assert_eq!(p.prose.text.plain, "two.2");
    assert_eq!(d.source.slice(p.prose.span), "two.2");
}

#[test]
fn faq_with_markers_and_with_questions() {
    // Markers, with and without a question after them.
    let text = format!("Title\n\n{INTRO}\nFAQ\n▼\n{BODY}\n▶\nIs it safe?\n{BODY}\n");
    let d = doc(&text);
    assert_eq!(heading_texts(&d), ["FAQ"]);
    let faqs: Vec<_> = d.sections[1]
        .blocks
        .iter()
        .map(|b| match b {
            Block::Faq(f) => f,
            _ => panic!("{}", b.kind()),
        })
        .collect();
    assert_eq!(faqs.len(), 2);
    assert!(faqs[0].question.is_none());
    assert_eq!(faqs[1].question.as_ref().unwrap().text.plain, "Is it safe?");
    assert_eq!(faqs[1].answer.len(), 1);

    // Question lines in an FAQ section, answered in prose.
    let text = format!(
        "Title\n\n{INTRO}\nFrequently Asked Questions\nWhat does it cost?\n{BODY}\nWho can use it?\n{BODY}\n{BODY}\n"
    );
    let d = doc(&text);
    assert_eq!(heading_texts(&d), ["Frequently Asked Questions"]);
    let qs: Vec<String> = d.sections[1]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Faq(f) => Some(f.question.as_ref().unwrap().text.plain.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(qs, ["What does it cost?", "Who can use it?"]);
}

#[test]
fn never_panics() {
    let long_line = "word ".repeat(50 * 1024 * 1024 / 5);
    let many_lines = "short line\n".repeat(100_000);
    let inputs: Vec<String> = vec![
        String::new(),
        " \n\t\n  ".into(),
        "\u{feff}".into(),
        long_line,
        many_lines,
        "▼\n".repeat(1000),
        "|\n".repeat(1000),
        "||||\n|-|\n".repeat(100),
        "- \n".repeat(1000),
        "-".into(),
        "1.".into(),
        "```\n".into(),
        "```\ncode\n".repeat(10),
        "\r\r\r\n\n\r".into(),
        "v\nv\nv\n".into(),
        "a) b\n  - c\n      - d\n  e\n- f".into(),
        "Title\n\u{feff}x | y\n".into(),
        // Ever deeper list items: no unbounded recursion.
        (0..20_000)
            .map(|i| format!("{}- item\n", " ".repeat(i)))
            .collect(),
        // Many headings with distinct labels: no quadratic level search.
        (0..20_000)
            .map(|i| {
                format!("Label{i}: a heading\nSome text follows here, and it is a sentence.\n")
            })
            .collect(),
    ];
    for text in &inputs {
        let d = doc(text);
        for p in d.prose() {
            let _ = d.source.slice(p.prose.span);
        }
        for (_, _, h) in d.headed_sections() {
            assert!((0.0..=1.0).contains(&h.confidence));
        }
    }
}

#[test]
fn blank_separated_blocks_with_ragged_lines() {
    // Lines broken anywhere (one clause a line), paragraphs between blank
    // lines: each block is one paragraph, and a first line that stands apart
    // is a heading.
    let text = "Title\n\nWe use the service for hosting.\nMost resources support tagging, and the\nplatform team\ncoordinates their use.\n\nAccount Tags\nThey are essential for recharging\nto your business unit.\nThey are also used for security.\n\nResource tags come next\nand they are optional,\nbut useful.\n";
    let d = doc(text);
    assert_eq!(outline(&d), [(2, 8, "Account Tags".to_string())]);
    let paras: Vec<String> = all_blocks(&d)
        .into_iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.prose.text.plain.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        paras,
        [
            "We use the service for hosting. Most resources support tagging, and the platform team coordinates their use.",
            "They are essential for recharging to your business unit. They are also used for security.",
            "Resource tags come next and they are optional, but useful.",
        ]
    );
}

#[test]
fn code_fences_and_indented_code() {
    let text = format!(
        "Title\n\n{INTRO}\n```rust\nfn main() {{}}\n```\n{BODY}\n    let x = compute(1, 2);\n    println!(\"{{x}}\");\n{BODY}\n"
    );
    let d = doc(&text);
    let codes: Vec<_> = all_blocks(&d)
        .into_iter()
        .filter_map(|b| match b {
            Block::Code(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(codes.len(), 2);
    assert_eq!(codes[0].lang.as_deref(), Some("rust"));
    assert!(codes[0].fenced && !codes[1].fenced);
    assert!(d.source.slice(codes[1].span).contains("println!"));
    // An unclosed fence is text, not code swallowing the document.
    let d = doc(&format!("Title\n\n{INTRO}\n```\n{BODY}\n"));
    assert!(all_blocks(&d).iter().all(|b| b.kind() != "code"));
}

#[test]
fn lone_v_is_a_marker_only_in_company() {
    let text = format!("Title\n\n{INTRO}\nQuestions\nv\n{BODY}\nv\n{BODY}\n");
    let d = doc(&text);
    let faqs = all_blocks(&d).iter().filter(|b| b.kind() == "faq").count();
    assert_eq!(faqs, 2);
    let d = doc(&format!("Title\n\n{INTRO}\nv\n{BODY}\n"));
    assert!(all_blocks(&d).iter().all(|b| b.kind() != "faq"));
}

#[test]
fn faq_questions_with_tables_stay_headings() {
    // An answer holding a table is more than an FAQ entry: the questions are
    // sub-sections.
    let text = format!(
        "Title\n\n{INTRO}\nFrequently asked questions\nWhat goals were not accepted?\n{BODY}\nGoal | Owner |\n---|---|\nSpeed | Ann |\nWhat do the columns mean?\n{BODY}\n"
    );
    let d = doc(&text);
    let got: Vec<(u8, String)> = outline(&d).into_iter().map(|(l, _, t)| (l, t)).collect();
    assert_eq!(
        got,
        [
            (2, "Frequently asked questions".to_string()),
            (3, "What goals were not accepted?".to_string()),
            (3, "What do the columns mean?".to_string()),
        ]
    );
}

#[test]
fn table_of_contents_names_the_top_level() {
    let text = format!(
        "Title\n\n{INTRO}\n- Linting\n- Spacing\n- Nesting\nLinting\n{BODY}\nTools We Use\n{BODY}\nSpacing\n{BODY}\nNesting\n{BODY}\n"
    );
    let d = doc(&text);
    let got: Vec<(u8, String)> = outline(&d).into_iter().map(|(l, _, t)| (l, t)).collect();
    assert_eq!(
        got,
        [
            (2, "Linting".to_string()),
            (3, "Tools We Use".to_string()),
            (2, "Spacing".to_string()),
            (2, "Nesting".to_string()),
        ]
    );
}

#[test]
fn labels_and_numbers_share_levels() {
    let text = format!(
        "Title\n\n{INTRO}\nExample: type annotations\n{BODY}\nIdea: implied bounds\n{BODY}\nExample: ownership\n{BODY}\nIdea: implied borrows\n{BODY}\n"
    );
    let d = doc(&text);
    let got: Vec<u8> = outline(&d).into_iter().map(|(l, _, _)| l).collect();
    assert_eq!(got, [2, 3, 2, 3]);
}
