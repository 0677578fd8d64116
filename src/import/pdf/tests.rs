//! The PDF import on whole files.

#[test]
#[ignore]
fn dump() {
    let Ok(path) = std::env::var("PDF") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    match super::parse_pdf(bytes) {
        Ok(loaded) => {
            println!("{}", crate::print::render(&loaded.doc, Some(100)));
            for w in &loaded.warnings {
                println!("{}", w.display("x.pdf"));
            }
        }
        Err(e) => {
            for d in e {
                println!("{}", d.display("x.pdf"))
            }
        }
    }
}
