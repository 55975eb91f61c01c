//! The learned parts' weight files (the block model, the title model): one weight per named
//! feature, read once and checked against the features the code computes, the score they give a
//! row of features, and the row a learned choice takes.

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

/// The best-scored of `rows`; of equal scores, `preferred` (the rules' choice), else the first.
pub(crate) fn best<R: AsRef<[f64]>>(
    weights: &[f64],
    rows: impl IntoIterator<Item = R>,
    preferred: Option<usize>,
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (k, x) in rows.into_iter().enumerate() {
        let score = dot(weights, x.as_ref());
        if best.is_none_or(|(_, s)| score > s || score == s && preferred == Some(k)) {
            best = Some((k, score));
        }
    }
    best.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_row_wins_and_a_tie_goes_to_the_preferred_row_else_the_first() {
        let rows = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]];
        assert_eq!(best(&[0.0, 2.0], rows, None), Some(1));
        assert_eq!(best(&[0.0, 2.0], rows, Some(2)), Some(2));
        assert_eq!(best(&[0.0, 0.0], rows, None), Some(0));
        assert_eq!(best(&[0.0, 0.0], rows, Some(1)), Some(1));
        assert_eq!(best(&[1.0, 0.0], Vec::<[f64; 2]>::new(), None), None);
    }
}
