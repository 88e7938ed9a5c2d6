//! Results and rules in words for people: figures in their units, gaps and goal-seek answers as
//! phrases (`explain`), and a criterion's rule as indented lines for the program pages
//! (`describe`). Built on the model and the evaluator's results; nothing below imports it.

pub mod describe;
pub mod explain;
