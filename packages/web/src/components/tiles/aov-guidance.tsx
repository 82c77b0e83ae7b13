/** What a seller can do when the average order value is under their target. */
export function AovGuidance({ target }: { target: string }) {
  return (
    <div className="aov-guidance">
      <p className="tile__warning">Below your {target} target</p>
      <details>
        <summary>How to raise it</summary>
        <ul>
          <li>Feature higher-priced items early in your lives, while the most viewers are watching.</li>
          <li>Bundle accessories (belts, scarves, jewelry) with the pieces they go with, at a small discount.</li>
          <li>Offer “shop the look” sets: a full outfit in one click instead of a single piece.</li>
        </ul>
      </details>
    </div>
  );
}
