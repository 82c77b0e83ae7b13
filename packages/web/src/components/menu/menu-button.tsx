import { useEffect, useId, useRef, useState, type KeyboardEvent, type Ref } from 'react';

export interface MenuAction {
  id: string;
  label: string;
  onSelect: () => void;
  /** Items with the same section are grouped under its label. */
  section?: string;
}

/**
 * A menu button following the WAI-ARIA menu pattern: Enter, Space or ArrowDown opens it on the
 * first item, arrows/Home/End move, Enter runs an item, Escape (or Tab) closes it and focus
 * returns to the button.
 */
export function MenuButton({
  label,
  items,
  buttonRef,
  testId,
  icon = '⋯',
}: {
  label: string;
  items: MenuAction[];
  buttonRef?: Ref<HTMLButtonElement>;
  testId?: string;
  icon?: string;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const ownButton = useRef<HTMLButtonElement | null>(null);
  const menuRef = useRef<HTMLDivElement | null>(null);
  const menuId = useId();

  const setButton = (node: HTMLButtonElement | null) => {
    ownButton.current = node;
    if (typeof buttonRef === 'function') buttonRef(node);
    else if (buttonRef) buttonRef.current = node;
  };

  useEffect(() => {
    if (!open) return;
    const item = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active];
    item?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !ownButton.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) ownButton.current?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(event.key === 'ArrowDown' ? 0 : items.length - 1);
      setOpen(true);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const last = items.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((i) => (i >= last ? 0 : i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => (i <= 0 ? last : i - 1));
        break;
      case 'Home':
        event.preventDefault();
        setActive(0);
        break;
      case 'End':
        event.preventDefault();
        setActive(last);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  };

  const run = (item: MenuAction) => {
    close(true);
    item.onSelect();
  };

  let lastSection: string | undefined;
  return (
    <div className="menu">
      <button
        ref={setButton}
        type="button"
        className="icon-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => {
          setActive(0);
          setOpen((o) => !o);
        }}
        onKeyDown={onButtonKeyDown}
      >
        <span aria-hidden="true">{icon}</span>
      </button>
      {open && (
        <div ref={menuRef} id={menuId} role="menu" aria-label={label} className="menu__list" onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => {
            const heading = item.section && item.section !== lastSection ? item.section : null;
            const separator = index > 0 && item.section !== lastSection;
            lastSection = item.section;
            return (
              <div key={item.id} role="none">
                {separator && <div role="separator" className="menu__separator" />}
                {heading && (
                  <div role="presentation" className="menu__heading">
                    {heading}
                  </div>
                )}
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={index === active ? 0 : -1}
                  className="menu__item"
                  onClick={() => run(item)}
                  onMouseEnter={() => setActive(index)}
                >
                  {item.label}
                </button>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
