//! claimdiff checks news sources against each other.
//!
//! The pipeline is `load → extract → events → compare → render`: [`corpus`]
//! reads sources, [`extract`] turns their text into [`claim::Claim`]s, [`store`]
//! keeps reviewed claims on disk, [`events`] groups sources into the events they
//! tell of, [`compare`] sets the figures of each event against each other into
//! findings, and [`render`] prints them. [`claim`] is the vocabulary they share.

#![warn(missing_docs)]

pub mod baseline;
pub mod check;
pub mod claim;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod diff;
pub mod error;
pub mod events;
pub mod extract;
pub mod lexicon;
pub mod pipeline;
pub mod render;
mod reorder;
pub mod store;
pub mod stream;
