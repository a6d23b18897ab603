//! Putting a vector in a new order in place, without a second vector: the
//! claims of a long document or of a whole corpus are too many to copy.

/// Puts the item that was at `order[k]` at `k`, for every `k`, by swaps along
/// the permutation's cycles. `order` must be a permutation of `0..items.len()`.
pub(crate) fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        // Along the cycle, the item that was at `start` moves on to `k`.
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let from = order[k];
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_goes_where_the_order_says() {
        let orders: [&[usize]; 5] = [
            &[0, 1, 2, 3],
            &[1, 2, 0, 3],
            &[3, 2, 1, 0],
            &[2, 3, 0, 1],
            &[3, 0, 4, 1, 2],
        ];
        for order in orders {
            let mut v: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            permute(&mut v, order);
            let want: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            assert_eq!(v, want, "order {order:?}");
        }
    }
}
