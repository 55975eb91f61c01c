//! The learned parts' weight files (the block model, the title model): one weight per named
//! feature, read once and checked against the features the code computes, and the score they
//! give a row of features.

use std::collections::HashMap;

/// The weights of `object` (`{feature: weight}`), in `features`' order, every feature named once.
///
/// # Errors
/// A message, starting with `what`, naming what is missing, unknown or not a number.
pub(crate) fn named(
    object: &serde_json::Value,
    features: &[(&str, &str)],
    what: &str,
) -> Result<Vec<f64>, String> {
    let weights: HashMap<String, f64> =
        serde_json::from_value(object.clone()).map_err(|e| format!("{what}: {e}"))?;
    if let Some(unknown) = weights
        .keys()
        .find(|k| features.iter().all(|(n, _)| n != k))
    {
        return Err(format!("{what}: unknown feature {unknown}"));
    }
    features
        .iter()
        .map(|(n, _)| {
            weights
                .get(*n)
                .copied()
                .ok_or_else(|| format!("{what}: no weight for {n}"))
        })
        .collect()
}

/// The weighted sum of a row of features.
pub(crate) fn dot(weights: &[f64], x: &[f64]) -> f64 {
    weights.iter().zip(x).map(|(w, x)| w * x).sum()
}
