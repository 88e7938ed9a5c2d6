//! Qualify's spreadsheets: the template generated from the profile's fields (one row per
//! enterprise, one column per field, bilingual headers and a notes sheet), read from CSV, XLSX
//! or NDJSON into profiles through the engine's own readers, and screening results written
//! back. Pure Rust with no web dependencies, like the engine.

pub mod cell;
pub mod column;
pub mod error;
pub mod read;
pub mod screen;
pub mod write;

pub use column::{columns, template_years, Column};
pub use error::{column_letter, Place, SheetError};
pub use read::{open, open_bytes, open_reader, Format, Layout, Opened, Row, RowData};
pub use screen::{screen_row, screen_row_in, ResultRow, Summary, RESULT_COLUMNS};
pub use write::{encode, template_csv, template_xlsx, ResultWriter};
