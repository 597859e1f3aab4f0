package lrlab.data;

/**
 * A train/validation pair from {@link Dataset#split(double, long)}.
 *
 * @param train the training rows
 * @param validation the held-out rows
 */
public record Split(Dataset train, Dataset validation) {

    /**
     * Both parts standardised with the training part's statistics, z = (x − μ_train)/σ_train, so no
     * information from the validation rows leaks into the features.
     *
     * @return a new split with both parts standardised
     */
    public Split standardize() {
        Standardizer s = Standardizer.fit(train);
        return new Split(s.apply(train), s.apply(validation));
    }
}
