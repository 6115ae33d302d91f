/** Shown once when the policy asks to confirm posting with a critical finding open. Never blocks: both paths go on. */
export function ConfirmPost({
  count,
  onPostAnyway,
  onReview,
}: {
  count: number;
  onPostAnyway(): void;
  onReview(): void;
}) {
  return (
    <div className="spoke-confirm" role="alertdialog" aria-label="Post with open warnings?" data-testid="spoke-confirm">
      <p>
        {count === 1 ? 'One important tip is' : `${count} important tips are`} still open. Your company asks you to take
        a look before posting.
      </p>
      <div className="spoke-card__actions">
        <button type="button" className="spoke-button spoke-button--primary" onClick={onReview}>
          Review
        </button>
        <button type="button" className="spoke-button" onClick={onPostAnyway}>
          Post anyway
        </button>
      </div>
    </div>
  );
}
