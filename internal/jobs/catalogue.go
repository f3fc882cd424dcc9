package jobs

import (
	"context"

	"github.com/klusbuddy/klusbuddy/internal/klusbuddy"
)

// The catalogue: the categories of work a job is posted in, each at one unit price that every
// poster pays. Everyone sees the active ones; admins keep them.

var (
	_ klusbuddy.CategoryService = (*Service)(nil)
	_ klusbuddy.CategoryAdmin   = (*Service)(nil)
)

// ListCategories returns the active categories, in catalogue order.
func (s *Service) ListCategories(ctx context.Context) ([]klusbuddy.Category, error) {
	return s.db.ListCategories(ctx)
}

func adminOnly(actor klusbuddy.Principal) error {
	if actor.Role != klusbuddy.RoleAdmin {
		return klusbuddy.Errorf(klusbuddy.EFORBIDDEN, "Only admins manage categories.")
	}
	return nil
}

// AllCategories lists every category, inactive ones too.
func (s *Service) AllCategories(ctx context.Context, actor klusbuddy.Principal) ([]klusbuddy.Category, error) {
	if err := adminOnly(actor); err != nil {
		return nil, err
	}
	return s.db.AllCategories(ctx)
}

// CreateCategory checks and adds a category, active from the start.
func (s *Service) CreateCategory(ctx context.Context, actor klusbuddy.Principal, c klusbuddy.Category) (klusbuddy.Category, error) {
	if err := adminOnly(actor); err != nil {
		return klusbuddy.Category{}, err
	}
	c.Active = true
	if err := c.Validate(); err != nil {
		return klusbuddy.Category{}, err
	}
	return s.db.CreateCategory(ctx, c)
}

// UpdateCategory checks and stores a changed category; a new price is for jobs posted from now.
func (s *Service) UpdateCategory(ctx context.Context, actor klusbuddy.Principal, slug string, c klusbuddy.Category) (klusbuddy.Category, error) {
	if err := adminOnly(actor); err != nil {
		return klusbuddy.Category{}, err
	}
	c.Slug = slug
	if err := c.Validate(); err != nil {
		return klusbuddy.Category{}, err
	}
	return s.db.UpdateCategory(ctx, c)
}
